"""The hostile-web suite: attacks and faults against one local hostile council server (issue 15)."""
