"""Review and publish: council policy from its documents, change detection, flags and the review workflow."""
