#!/usr/bin/env python3
"""Prints every failed test of the given trx files with the first lines of its message and stack trace.

Used by deploy/scripts/test.sh, so that the end of a CI log (often all that is shown) names what failed and why.
"""
import sys
import xml.etree.ElementTree as ET

NS = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
MAX_LINES = 12

failures = 0
for path in sys.argv[1:]:
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as error:
        print(f"[test] cannot read {path}: {error}")
        continue
    for result in root.iterfind(".//t:UnitTestResult", NS):
        if result.get("outcome") not in ("Failed", "Error", "Timeout", "Aborted"):
            continue
        failures += 1
        print(f"[test] FAILED {result.get('testName')} ({result.get('duration')})")
        info = result.find("t:Output/t:ErrorInfo", NS)
        for tag in ("Message", "StackTrace"):
            text = info.findtext(f"t:{tag}", default="", namespaces=NS) if info is not None else ""
            lines = [line.rstrip() for line in text.strip().splitlines() if line.strip()]
            for line in lines[:MAX_LINES]:
                print(f"[test]     {line}")
            if len(lines) > MAX_LINES:
                print(f"[test]     … {len(lines) - MAX_LINES} more lines in {path}")
sys.exit(0)
