"""The chart process (`drawing.py`): reads Vega-Lite specs from its standard input and writes
each one's SVG to its standard output, in turn, until its input closes.

Each message is a header (`HEADER`: a flag, then the length of what follows) and UTF-8 text.
A spec is sent with the flag 0. The answer is the SVG with the flag 0, or vl-convert's error
with the flag 1. Run as a script by the interpreter running Redress (`python -I`), so it imports
nothing but vl-convert."""

from __future__ import annotations

import struct
import sys

# The Vega-Lite version Altair writes specs for; vl-convert bundles it.
VEGA_LITE_VERSION = "6.4"
HEADER = "<BQ"


def serve() -> None:
    import vl_convert

    specs, answers = sys.stdin.buffer, sys.stdout.buffer
    size = struct.calcsize(HEADER)
    while len(header := specs.read(size)) == size:
        _, length = struct.unpack(HEADER, header)
        spec = specs.read(length).decode()
        try:
            svg, failed = vl_convert.vegalite_to_svg(spec, vl_version=VEGA_LITE_VERSION), 0
        except Exception as error:
            svg, failed = f"{type(error).__name__}: {error}", 1
        data = svg.encode()
        answers.write(struct.pack(HEADER, failed, len(data)) + data)
        answers.flush()


if __name__ == "__main__":
    serve()
