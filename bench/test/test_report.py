"""Checks bench/report.py on sample RESULT lines: every workload's table and well-formed SVG charts.

Run: python3 -m unittest discover -s bench/test
"""
import io
import os
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
REPORT = os.path.join(HERE, "..", "report.py")
sys.path.insert(0, os.path.join(HERE, ".."))
import report  # noqa: E402


class ReportTest(unittest.TestCase):

    def test_curves_read_counts_and_empty_windows(self):
        self.assertEqual(report.curve("3,0,12"), [3.0, 0.0, 12.0])
        self.assertEqual(report.curve("-,83.20,6.90"), [None, 83.2, 6.9])
        self.assertEqual(report.curve(""), [])

    def test_a_later_file_replaces_the_same_measurement(self):
        with tempfile.TemporaryDirectory() as d:
            first, later = os.path.join(d, "a.txt"), os.path.join(d, "b.txt")
            line = "RESULT label=uws mode=join clients=5000 rooms=50 joins_per_s=%s\n"
            for path, value in ((first, 100), (later, 200)):
                with open(path, "w", encoding="utf-8") as f:
                    f.write(line % value)
            self.assertEqual([r["joins_per_s"] for r in report.parse([first, later])], ["200"])

    def test_every_workload_gets_its_table_and_chart(self):
        with tempfile.TemporaryDirectory() as docs:
            out = subprocess.run([sys.executable, REPORT, os.path.join(HERE, "sample-results.txt")], capture_output=True,
                                 text=True, check=True, env=dict(os.environ, BENCH_DOCS=docs)).stdout
            for heading in ("## Fan-out", "## Memory at 1,000 active clients", "## Join storm", "## Reconnect storm", "## Cold start"):
                self.assertIn(heading, out)
            self.assertIn('WebTalk ran on openjdk version "17.0.15" 2025-04-15.', out)
            self.assertIn("| socket.io 4.8 on uWebSockets.js | 5000 / 50 | connect and join | 5000 | 0 | 1.00 | **1.20** | **4167** |", out)
            self.assertIn("| WebTalk (SQLite, persistence on) | 5000 / 50 | joins alone | 5000 | 0 | 2.10 | **2.50** | **2000** |", out)
            self.assertIn("| WebTalk (SQLite, persistence on) | 5000 / 50 | connect and join | 5000 | 0 | 4.10 | **4.50** | **1111** |", out)
            self.assertIn("| netty-socketio 2.0.13 | 5000 / 50 | 4000 | 0.90 | **-** | **-** |", out)
            self.assertIn("| WebTalk (SQLite, persistence on) | 7.70 | – | – | 300.5 | 60.2 |", out)
            self.assertIn("| WebTalk (SQLite, persistence on) | 40000 | 250.1 | **261.0** |", out)
            self.assertIn("**109745 committed/s**", out, "the store alone, a line without a label")
            self.assertNotIn("## Idle connections", out, "no idle run, no empty table")
            for chart in ("benchmarks-cpu.svg", "benchmarks-joins.svg", "benchmarks-joins-alone.svg", "benchmarks-reconnect.svg", "benchmarks-cold.svg"):
                root = ET.parse(os.path.join(docs, chart)).getroot()
                self.assertTrue(root.tag.endswith("svg"), chart)
            with open(os.path.join(docs, "benchmarks-cold.svg"), encoding="utf-8") as f:
                cold = f.read()
            self.assertEqual(cold.count("<polyline"), 2, "one line per server, empty windows left out")


if __name__ == "__main__":
    unittest.main()
