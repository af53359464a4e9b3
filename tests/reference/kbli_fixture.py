"""A small KBLI 2020 extract for tests (real codes and titles), written to a temp folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from plut_nb.reference import kbli

KBLI_SAMPLE = """code,level,section,title
A,1,A,"Pertanian, Kehutanan dan Perikanan"
01,2,A,"Pertanian Tanaman, Peternakan, Perburuan dan Kegiatan YBDI"
011,3,A,Pertanian Tanaman Semusim
0111,4,A,"Pertanian Serealia (Bukan Padi), Aneka Kacang dan Biji-Bijian Penghasil Minyak"
01111,5,A,Pertanian Jagung
C,1,C,Industri Pengolahan
10,2,C,Industri Makanan
107,3,C,Industri Makanan Lainnya
1071,4,C,Industri Produk Roti dan Kue
10710,5,C,Industri Produk Roti dan Kue
G,1,G,Perdagangan Besar dan Eceran; Reparasi dan Perawatan Mobil dan Sepeda Motor
47,2,G,"Perdagangan Eceran, Bukan Mobil dan Motor"
471,3,G,Perdagangan Eceran Berbagai Jenis Barang di Toko
4711,4,G,Perdagangan Eceran Berbagai Jenis Barang Yang Utamanya Makanan di Toko
47111,5,G,Perdagangan Eceran Yang Utamanya Makanan Minuman atau Tembakau di Supermarket
U,1,U,Aktivitas Badan Internasional dan Badan Ekstra Internasional Lainnya
99,2,U,Aktivitas Badan Internasional dan Badan Ekstra Internasional Lainnya
"""


def write_sample(folder: Path, text: str = KBLI_SAMPLE) -> Path:
    """Write ``text`` as a KBLI CSV under ``folder`` and return its path."""
    path = folder / "kbli2020.csv"
    path.write_text(text, encoding="utf-8")
    return path


def use_sample(folder: Path, monkeypatch: pytest.MonkeyPatch, text: str = KBLI_SAMPLE) -> Path:
    """Point :data:`plut_nb.reference.kbli.DATA_PATH` at a sample CSV for one test."""
    path = write_sample(folder, text)
    monkeypatch.setattr(kbli, "DATA_PATH", path)
    return path
