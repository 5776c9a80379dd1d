"""sicoach: a guided stretching program for sacroiliac (SI) joint pain."""

__all__ = ["__version__"]

__version__ = "0.1.0"
