#!/usr/bin/env python3
"""Fill translations into a Qt .ts file from TSV files (context<TAB>source<TAB>translation).

Used after `cmake --build <dir> --target update_translations` has added new source strings to the .ts:
  tools/translations/apply-tsv.py translations/certdesk_zh_CN.ts NEW-STRINGS.tsv
Each matching message gets the translation and loses type="unfinished". Prints what is still unfinished.
Sources in the TSV use \\n for line breaks and \\t for tabs."""
import sys
import xml.etree.ElementTree as ET


def unescape(s):
    return s.replace("\\t", "\t").replace("\\n", "\n")


def main():
    ts_path, tsv_paths = sys.argv[1], sys.argv[2:]
    table = {}
    for path in tsv_paths:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                line = line.rstrip("\n")
                if not line.strip() or line.startswith("#"):
                    continue
                parts = line.split("\t")
                if len(parts) != 3:
                    sys.exit(f"{path}:{n}: expected 3 tab-separated columns")
                ctx, src, tr = (unescape(p) for p in parts)
                table[(ctx, src)] = tr
    tree = ET.parse(ts_path)
    filled, unfinished = 0, []
    for ctx in tree.getroot().findall("context"):
        name = ctx.findtext("name")
        for msg in ctx.findall("message"):
            src = msg.findtext("source")
            tr = msg.find("translation")
            key = (name, src)
            if key in table:
                if msg.get("numerus") == "yes":
                    for child in list(tr):
                        tr.remove(child)
                    tr.text = None
                    form = ET.SubElement(tr, "numerusform")
                    form.text = table[key]
                else:
                    tr.text = table[key]
                tr.attrib.pop("type", None)
                filled += 1
            elif tr.get("type") == "unfinished" or not (tr.text or list(tr)):
                unfinished.append(key)
    ET.indent(tree, space="    ")
    with open(ts_path, "wb") as f:
        f.write(b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n')
        tree.write(f, encoding="utf-8", xml_declaration=False)
        f.write(b"\n")
    print(f"{ts_path}: {filled} filled, {len(unfinished)} unfinished")
    for ctx, src in unfinished:
        print(f"  unfinished: {ctx}\t{src!r}")


if __name__ == "__main__":
    main()
