"""dtanalysis: figures of digital transformation in Vietnamese provinces."""
__version__ = "0.1.0"
