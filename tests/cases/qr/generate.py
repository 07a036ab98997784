#!/usr/bin/env python3
# Run once (pip install qrcode==8.2) to regenerate the expected matrices: python3 generate.py .
# The Rust test reads the .txt files; Python is not needed at test time.
import sys, qrcode
from qrcode.util import QRData, MODE_8BIT_BYTE
cases = [
    ("hello-world", "HELLO WORLD", None),
    ("short-link", "https://example.org/licheng/?v=1&mig=3200&tfr=1.1&seed=42&lang=zh", None),
    ("chinese-note", "鲤城区 v=1&lang=zh", None),
    ("long-link", "https://example.org/licheng/?v=1&tfr=0.95&mab=31.2&e0f=83&e0m=77.5&srb=107.4&mig=3200&migm=55&qzg=0.3&lfp=74&ur=4.5&gdp=6.1&el=0.2&to=2.6&hhs=2.6&ren=500&elig=40&take=50&aff=250&mpup=35&plc=1500&ins=30&lap=0.8&insn=85&cmp=1&a.mig=0&a.tfr=0.65&preset=hukou-and-housing&seed=12345&lang=en&slide=4", None),
    ("short-link-mask3", "https://example.org/licheng/?v=1&mig=3200&tfr=1.1&seed=42&lang=zh", 3),
    ("hello-world-mask6", "HELLO WORLD", 6),
]
out = sys.argv[1]
for name, text, mask in cases:
    qr = qrcode.QRCode(version=None, error_correction=qrcode.constants.ERROR_CORRECT_M, border=0, mask_pattern=mask)
    qr.add_data(QRData(text.encode("utf-8"), mode=MODE_8BIT_BYTE))
    qr.make(fit=True)
    m = qr.get_matrix()
    with open(f"{out}/{name}.txt", "w", encoding="utf-8") as f:
        f.write(f"# Generated once by the Python qrcode package 8.2 (generate.py): byte mode, level M, version {qr.version}.\n")
        f.write(f"# text: {text}\n")
        if mask is None:
            f.write(f"# mask: {qr.best_mask_pattern()} (qrcode's automatic choice)\n")
        else:
            f.write(f"# mask: {mask}\n")
        for row in m:
            f.write("".join("1" if c else "0" for c in row) + "\n")
    print(name, qr.version, len(m), qr.mask_pattern)
