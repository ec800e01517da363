"""Keyword rules: activity, verdict and condition patterns as data, read by a pure `classify(text)`."""

from rules.classifier import CLASSIFIER_VERSION, classify
from rules.result import ActivityFinding, Classification, Evidence

__all__ = ["CLASSIFIER_VERSION", "ActivityFinding", "Classification", "Evidence", "classify"]
