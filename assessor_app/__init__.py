"""assessor_app: offline assessment of child-friendly communes (xã, phường, thị trấn phù hợp với trẻ em)."""

__version__ = "0.1.0"
