#!/usr/bin/env python3
"""Generates server/data/banks.json, the CNAPS bank-branch list behind GET /banks, from the per-province CSV
files of the public GitHub repository mjczz/spider_province_bank (see server/data/banks.SOURCE.md for the
exact commit and what the files are).

Usage:
    gen-banks.py SOURCE_DIR [OUTPUT]

SOURCE_DIR holds 贵州.csv, 北京.csv, 上海.csv and 广东.csv from that repository (a checkout of the pinned
commit, or the four files taken out of it with `git show <commit>:<name>`). OUTPUT defaults to
server/data/banks.json next to this script's repository root.

Each CSV has the header  bank_no,bank_name,mobile,zip_code,address,swift_code,bank_province  ; only bank_no
(the 12-digit CNAPS participant code, 行号) and bank_name are read. Rules (also in banks.SOURCE.md):
  1. Guizhou (贵州.csv): every row, because the applicants this guide serves bank there.
  2. 北京.csv, 上海.csv, 广东.csv: the branch-level offices of the national banks in 北京, 上海, 广州 and
     深圳 only, i.e. a row is kept when the code's bank class (first 3 digits) is one of NATIONAL_BANKS, its
     CNAPS city code (digits 4-7) is that city's, the name contains the city's name and the name ends with
     分行 or 分行营业部. These replace the earlier hand-written sample of such offices.
  3. Rows whose name says the office does no business with the public (不对外) are left out everywhere.
  4. A code is taken as it stands; none is made up or changed. Names are taken as they stand except that
     surrounding white space is removed.
The output lists Guizhou first (ordered by code), then the other cities' offices (ordered by code), one
{"code", "name"} object per line. The script exits non-zero when a file is missing, a kept code is not 12
digits, a code repeats, or a count falls below what the pinned files give (so a different input cannot
silently produce a thin list).
"""

import csv
import json
import pathlib
import re
import sys

NATIONAL_BANKS = {
    "102": "中国工商银行", "103": "中国农业银行", "104": "中国银行", "105": "中国建设银行",
    "301": "交通银行", "302": "中信银行", "303": "中国光大银行", "304": "华夏银行", "305": "中国民生银行",
    "306": "广发银行", "307": "平安银行 (深圳发展银行)", "308": "招商银行", "309": "兴业银行",
    "310": "上海浦东发展银行", "403": "中国邮政储蓄银行",
}

# file -> [(CNAPS city code, city name)]
CITY_OFFICES = {
    "北京.csv": [("1000", "北京")],
    "上海.csv": [("2900", "上海")],
    "广东.csv": [("5810", "广州"), ("5840", "深圳")],
}

MIN_GUIZHOU = 3700  # the pinned 贵州.csv gives 3,737 rows after rule 3
MIN_CITIES = 60


def read_rows(path):
    if not path.is_file():
        sys.exit(f"missing source file: {path}")
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if not {"bank_no", "bank_name"} <= set(reader.fieldnames or []):
            sys.exit(f"{path}: unexpected header {reader.fieldnames}")
        for row in reader:
            code = (row["bank_no"] or "").strip()
            name = (row["bank_name"] or "").strip()
            if not name or "不对外" in name:
                continue
            if not re.fullmatch(r"\d{12}", code):
                sys.exit(f"{path}: not a 12-digit code: {code!r} ({name})")
            yield code, name


def main(argv):
    if len(argv) not in (2, 3):
        sys.exit(__doc__)
    source = pathlib.Path(argv[1])
    root = pathlib.Path(__file__).resolve().parents[2]
    output = pathlib.Path(argv[2]) if len(argv) == 3 else root / "server" / "data" / "banks.json"

    guizhou = sorted(read_rows(source / "贵州.csv"))
    cities = []
    for file, offices in CITY_OFFICES.items():
        for code, name in read_rows(source / file):
            if code[:3] not in NATIONAL_BANKS or not re.search(r"(分行|分行营业部)$", name):
                continue
            if any(code[3:7] == city_code and city in name for city_code, city in offices):
                cities.append((code, name))
    cities.sort()

    rows = guizhou + cities
    seen = set()
    for code, _ in rows:
        if code in seen:
            sys.exit(f"code {code} appears twice")
        seen.add(code)
    if len(guizhou) < MIN_GUIZHOU or len(cities) < MIN_CITIES:
        sys.exit(f"too few rows: {len(guizhou)} in Guizhou, {len(cities)} in the other cities")

    lines = [json.dumps({"code": code, "name": name}, ensure_ascii=False) for code, name in rows]
    output.write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")
    print(f"{output}: {len(rows)} rows ({len(guizhou)} in Guizhou, {len(cities)} branch offices in "
          f"北京/上海/广州/深圳)")


if __name__ == "__main__":
    main(sys.argv)
