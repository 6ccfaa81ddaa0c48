"""Writing the two archives: a wheel (zip with a RECORD of sha256 hashes, PEP 427) and an sdist
(gzipped tar, PEP 517). Entries are sorted, owned by nobody and dated SOURCE_DATE_EPOCH when it is
set (1980-01-01 otherwise), so that the same inputs give the same bytes."""
import base64
import gzip
import hashlib
import io
import os
import tarfile
import time
import zipfile

_ZIP_EPOCH = 315532800  # 1980-01-01, the earliest date a zip entry can hold


def _epoch():
    return max(int(os.environ.get("SOURCE_DATE_EPOCH", _ZIP_EPOCH)), _ZIP_EPOCH)


def _record_hash(data):
    digest = hashlib.sha256(data).digest()
    return "sha256=" + base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class Wheel:
    """A wheel being written: add() each file, then close(), which writes the RECORD last."""

    def __init__(self, path, dist_info):
        self.zip = zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED)
        self.dist_info = dist_info
        self.records = []
        self.date = time.gmtime(_epoch())[:6]

    def add(self, name, data, executable=False):
        """Adds `data` (bytes or str) as the archive member `name` (a '/' path)."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        info = zipfile.ZipInfo(name, date_time=self.date)
        info.external_attr = ((0o755 if executable else 0o644) | 0o100000) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        self.zip.writestr(info, data)
        self.records.append("%s,%s,%d" % (name, _record_hash(data), len(data)))

    def add_file(self, name, path):
        """Adds the file at `path`, executable in the wheel when it is on disk."""
        with open(path, "rb") as source:
            self.add(name, source.read(), executable=os.access(path, os.X_OK))

    def close(self):
        record = self.dist_info + "/RECORD"
        text = "\n".join(self.records + [record + ",,"]) + "\n"
        info = zipfile.ZipInfo(record, date_time=self.date)
        info.external_attr = (0o644 | 0o100000) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        self.zip.writestr(info, text)
        self.zip.close()


def _tar_member(name, size, executable):
    info = tarfile.TarInfo(name)
    info.size = size
    info.mode = 0o755 if executable else 0o644
    info.mtime = _epoch()
    info.uname = info.gname = ""
    return info


def write_sdist(path, top, root, files, extra):
    """A .tar.gz at `path` holding, under the folder `top`, the files (paths relative to `root`)
    and `extra` ({relative name: text}, e.g. PKG-INFO)."""
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=_epoch()) as zipped, \
            tarfile.open(fileobj=zipped, mode="w", format=tarfile.PAX_FORMAT) as tar:
        members = [(name, None) for name in files] + sorted(extra.items())
        for name, text in sorted(members):
            if text is None:
                with open(os.path.join(root, name), "rb") as source:
                    data = source.read()
                executable = os.access(os.path.join(root, name), os.X_OK)
            else:
                data, executable = text.encode("utf-8"), False
            tar.addfile(_tar_member(top + "/" + name, len(data), executable), io.BytesIO(data))
