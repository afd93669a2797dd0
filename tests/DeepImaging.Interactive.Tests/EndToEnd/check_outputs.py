"""Checks the executed extension-e2e.ipynb: every magic's output, the error cell, the cell after it and the Plotly chart.

Usage: /usr/bin/python3 check_outputs.py EXECUTED.ipynb EXPECTED_VERSION
Exits 1 with one line per failed check.
"""
import re
import sys

import nbformat


def outputs_text(cell):
    """All text/plain, text/html, stream and error text of a cell, joined."""
    parts = []
    for output in cell.get("outputs", []):
        if output.output_type == "error":
            parts.append("ERROR " + output.evalue)
        elif output.output_type == "stream":
            parts.append(output.text)
        else:
            data = output.get("data", {})
            parts.append(data.get("text/plain", ""))
            parts.append(data.get("text/html", ""))
    return "\n".join(parts)


def without_plotly_js(text):
    """The text without the plotly.js library itself (whose own defaults name plotly's servers)."""
    return re.sub(r'<script type="text/javascript" data-di-plotly="[0-9.]+">.*?</script>', "", text, flags=re.S)


def numbers_after(text, label):
    """The numbers of a tensor printed after `label`, up to its closing '])'."""
    start = text.index(label) + len(label)
    return [float(n) for n in re.findall(r"-?\d+(?:\.\d*)?", text[start:text.index("])", start)])]


def main(path, version):
    notebook = nbformat.read(path, as_version=4)
    cells = {c.source: outputs_text(c) for c in notebook.cells if c.cell_type == "code"}
    errors = {c.source for c in notebook.cells if c.cell_type == "code" and any(o.output_type == "error" for o in c.get("outputs", []))}

    def cell(prefix):
        return next(text for source, text in cells.items() if source.startswith(prefix))

    checks = [
        ("banner names the newest package version and the magics",
         f"DeepImaging.Interactive {version} loaded: magic commands #!conv, #!conv-shape, #!conv-explorer, #!params, #!network" in cell("#r ")),
        ("#!conv: output 19 25 37 43", numbers_after(cell('#!conv --input "0 1 2'), "output [2, 2]:") == [19, 25, 37, 43]),
        ("#!conv --trace: first step", "0x0 + 1x1 + 3x2 + 4x3 = 19" in cell('#!conv --input "0 1 2')),
        ("#!conv with C# variables, padding 1, stride 2 (hand-worked)",
         numbers_after(cell("#!conv --input image"), "output [3, 3]:") == [0, -2, 0, -8, -5, 7, 0, 13, 15]),
        ("#!conv-shape: same keeps 256", "floor((256 + 2x1 - 1x(3-1) - 1) / 1) + 1 = 256" in cell("#!conv-shape")),
        ("#!params 196608 1000 1", "196,609,000 + 1,001 = 196,610,001 parameters" in cell("#!params 196608")),
        ("#!params conv form", "448 + 4,640 + 1,270,090 = 1,275,178 parameters" in cell("#!params --input")),
        ("#!network draws an SVG", "<svg" in cell("#!network")),
        ("#!params -h shows help", cell("#!params -h").startswith("#!params <sizes...>")),
        ("#!conv-explorer shows the explorer (dilation 2: output 3)",
         "Start: n = 7, k = 3, padding valid, s = 1, d = 2: output floor((7 + 2x0 - 2x(3-1) - 1) / 1) + 1 = 3" in cell("#!conv-explorer")
         and "DeepImagingConvExplorer.mount('di-convx-" in cell("#!conv-explorer")),
        ("DeepImaging.Explain imported: Grad-CAM overlay drawn as a PNG",
         "Grad-CAM: 1 map(s) of 8x8" in cell("var cnn") and "data:image/png;base64," in cell("var cnn")),
        ("receptive-field figure drawn",
         "Receptive field of output [1, 1] of layer 2 on the 8x8 image" in cell("ReceptiveFieldFigure") and "data:image/png;base64," in cell("ReceptiveFieldFigure")),
        ("bad input fails with the message",
         "#!conv: --input \"0 1; 2\" has 2 values in row 1 but 1 in row 2" in cell('#!conv --input "0 1; 2"')),
        ("only the bad-input cell failed", errors == {'#!conv --input "0 1; 2" --kernel "1"'}),
        ("the kernel keeps working after the error (17 parameters)", "<pre>17</pre>" in cell("var model")),
        ("Plotly chart rendered offline (FSharp.Core resolved, plotly.js carried by the output, nothing loaded from elsewhere)",
         'class="di-chart"' in cell("Plotly.NET.CSharp") and 'data-di-plotly="2.28.0"' in cell("Plotly.NET.CSharp")
         and not re.search(r"<script[^>]*\ssrc=|require\.config|requirejs", without_plotly_js(cell("Plotly.NET.CSharp")))
         and "FileNotFoundException" not in cell("Plotly.NET.CSharp")),
    ]
    failed = [name for name, ok in checks if not ok]
    for name, ok in checks:
        print(("ok      " if ok else "FAILED  ") + name)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
