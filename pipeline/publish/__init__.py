"""Writing versioned, immutable releases: formats, Data Package, change log, atomic switch."""
from pipeline.publish.release import ReleaseResult, publish_release

__all__ = ["ReleaseResult", "publish_release"]
