"""sopan: the whole life of Standard Operating Procedures for Indonesian government units."""

__version__ = "0.1.0"
