"""Classic anchor through PIL (used by `edgecascade eval --anchors` when cjpeg/cwebp are not installed).

  /usr/bin/python3 pil_codec.py JPEG|WEBP SOURCE.ppm OUT_DIR Q [Q ...]

Codes SOURCE at each quality with the settings of training/eval_reference.py (JPEG 4:2:0, WebP method 4), writes
the decoded pixels to OUT_DIR/q<Q>.ppm and prints one line "<Q> <compressed bytes>" per quality.
"""
import io
import os
import sys

from PIL import Image


def main():
    fmt, source, out_dir = sys.argv[1], sys.argv[2], sys.argv[3]
    image = Image.open(source).convert("RGB")
    for q in (int(v) for v in sys.argv[4:]):
        buf = io.BytesIO()
        if fmt == "JPEG":
            image.save(buf, "JPEG", quality=q, subsampling=2)
        else:
            image.save(buf, "WEBP", quality=q, method=4)
        Image.open(io.BytesIO(buf.getvalue())).convert("RGB").save(os.path.join(out_dir, "q%d.ppm" % q))
        print(q, len(buf.getvalue()), flush=True)


if __name__ == "__main__":
    main()
