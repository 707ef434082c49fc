"""corplint's version: read by the build (hatch), the command line, the SARIF
report and the link checker's User-Agent."""

__version__ = "0.1.0"
