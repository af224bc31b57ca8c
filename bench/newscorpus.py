"""Synthetic Korean news for the benchmarks, made from the bundled article.

Two generators, both deterministic for a given seed:

- :func:`make_corpus`: one long text (copies of the article with half its glosses
  replaced), used by ``extract_speed.py``;
- :func:`write_corpus` / :func:`ensure_corpus`: a folder of news files (thousands of
  them for 10 MB) such as a news archive holds, used by ``scale.py``.

In the folder, each file is an article of a few KB to tens of KB (log-normal, median about
6 KB): a headline, the article's paragraphs in a new order (sometimes with their sentences
shuffled), short paragraphs of invented news sentences, sometimes its fact box, a byline
and the site's footer. In every paragraph about half of the article's glosses (and their
later mentions) are swapped for Chinese personal names glossed with their Mandarin
transcription (왕웨이(王偉)) or words of the shipped word list glossed with their
Sino-Korean reading; both are drawn from pools with a Zipf distribution, so some terms
recur across hundreds of articles and most are rare. Files are nested as
``SECTION/YEAR/MONTH/YYYYMMDD-NNNNN.EXT``. About four files in five are text (mostly UTF-8;
some CP949, some UTF-8 with a byte-order mark, a few UTF-16; some with CRLF line ends) and
one in five a web page (``.html`` or ``.htm``, with navigation, side bar, footer and
scripts around the article; some in EUC-KR declared by ``<meta>``), so that an import
exercises every decoding path.

Run ``python bench/newscorpus.py --mb 10`` to write one (into ``bench/corpus/``, which git
ignores) and print what it holds.
"""

from __future__ import annotations

import argparse
import codecs
import html
import itertools
import json
import math
import random
import re
import shutil
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "seeds" / "hangzhou-ai-town.txt"
WORDS = ROOT / "glossary" / "data" / "hanja.sqlite"
CORPUS_ROOT = Path(__file__).resolve().parent / "corpus"
GLOSS = re.compile(r"([가-힣A-Za-z0-9]+)\(([\u4e00-\u9fff]+)\)")
BARE_SCAN = re.compile(r"[가-힣A-Za-z0-9]+\([\u3400-\u9fff\uf900-\ufaff]+[^)]*\)")
MB = 1024 * 1024
# Bump when the generator's output changes, so that stale folders are written again.
GENERATOR_VERSION = 2
SUFFIXES = (".txt", ".html", ".htm")

SURNAMES = (
    "王李張劉陳楊黃趙吳周徐孫馬朱胡郭何高林羅鄭梁謝宋唐許韓馮鄧曹彭曾蕭田董袁潘蔣蔡杜"
    "葉程蘇魏呂丁任沈姚盧姜崔鍾譚陸汪范石廖賈夏韋方白鄒孟熊秦邱江尹薛段雷侯龍史陶黎賀"
    "顧毛郝龔邵萬錢嚴武戴莫孔"
)
GIVEN = (
    "偉芳娜敏靜麗強磊軍洋勇艷傑娟濤明超秀霞平剛桂英華玉蘭萍紅建國志文斌輝力永健世廣義"
    "興良海山仁波寧貴福生元全勝學祥才發新利清飛彬富順信光天達安岩中茂進林有堅和博誠先"
    "敬震振會思群豪心邦承樂紹功松善厚慶民友裕河哲浩亮政謙奇翰朗宏言鳴朋棟維啟倫翔旭鵬"
    "澤晨辰士家致樹德行泰盛雄琛鈞冠策騰楠航弘"
)


def make_corpus(size: int, mode: str = "news", seed: int = 7) -> str:
    """A Korean text of about ``size`` bytes of UTF-8 with many distinct glosses.

    Copies of the bundled article in which half the glosses are replaced. ``news``: by
    Chinese personal names glossed with their transcription (three in five) or by words
    from the shipped word list glossed with their Sino-Korean reading, like news about
    China. ``stress``: by word-list words only, so common Korean words become glosses and
    are mentioned everywhere (the worst case for mention linking).
    """
    from glossary import Enricher

    rng = random.Random(seed)
    enricher = Enricher()
    article = ARTICLE.read_text(encoding="utf-8")
    words = _word_list()
    rng.shuffle(words)
    names: dict[str, str] = {}

    def name() -> tuple[str, str]:
        hanja = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2))))
        if hanja not in names:
            names[hanja] = enricher.info(hanja).mandarin_hangul
        return hanja, names[hanja]

    parts: list[str] = []
    total = 0
    i = 0
    while total < size:

        def swap(m: re.Match[str]) -> str:
            nonlocal i
            if rng.random() < 0.5:
                return m.group(0)
            if mode == "news" and rng.random() < 0.6:
                hanja, gloss = name()
            else:
                hanja, gloss = words[i % len(words)]
                i += 1
            return f"{gloss}({hanja})"

        copy = GLOSS.sub(swap, article)
        parts.append(copy)
        total += len(copy.encode("utf-8"))
    return "".join(parts)


def _word_list() -> list[tuple[str, str]]:
    """(hanja, Sino-Korean reading) of the shipped word list's words of 2 to 4 characters."""
    with sqlite3.connect(f"file:{WORDS}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT word, readings FROM words WHERE length(word) BETWEEN 2 AND 4"
        ).fetchall()
    return [(w, r.split(" ")[0]) for w, r in rows if len(r.split(" ")[0]) == len(w)]


# ---------------------------------------------------------------------- the folder

SECTIONS = ("국제", "경제", "정치", "과학", "문화", "사설")
ROLES = (
    "주석", "총리", "부총리", "외교부장", "대변인", "회장", "대표", "시장", "성장", "교수",
    "부장", "위원장", "서기", "사장", "연구원",
)  # fmt: skip
REPORTERS = ("박은경", "김지훈", "이수진", "최민호", "정하늘", "강태우", "윤서연", "한도윤")
CITIES = (("항저우", "杭州"), ("베이징", "北京"), ("상하이", "上海"), ("선전", "深圳"))
# Invented news sentences: {n}/{N} a person's gloss and hanja, {w}/{W} a word's, {r} a role.
PARTICLES = (("은", "는"), ("이", "가"), ("을", "를"), ("과", "와"))
# A particle standing alone after a word (not the first syllable of another word).
PARTICLE = re.compile(r"[은는이가을를과와](?![가-힣])")
# A template's slot, with its gloss and its particle if it has them: {n}({N})은.
SLOT = re.compile(r"\{(\w+)\}(\(\{\w+\}\))?([은는이가을를과와](?![가-힣]))?")
TEMPLATES = (
    "{n}({N}) {r}은 이날 기자회견에서 “{w}({W}) 문제를 반드시 해결하겠다”고 말했다.",
    "{n}({N}) {r}과 {n2}({N2}) {r2}은 {w}({W}) 분야의 협력 방안을 논의했다.",
    "업계에서는 {w}({W})의 영향이 {w2}({W2}) 분야로 번질 것으로 보고 있다.",
    "현지 매체에 따르면 {n}({N}) 씨는 {w}({W}) 관련 사업으로 큰 성공을 거뒀다.",
    "{n} {r}은 지난달 {w}({W}) 정책을 발표한 바 있다.",
    "이에 대해 {n}({N}) {r}은 “{w}은 시간이 걸리는 일”이라며 신중한 태도를 보였다.",
    "전문가들은 {w}({W})와 {w2}({W2})가 향후 5년간 성장을 이끌 것으로 전망했다.",
    "{n}({N}) {r}이 이끄는 대표단은 다음 주 서울을 방문할 예정이다.",
)
NAV = ("정치", "경제", "사회", "국제", "문화", "스포츠", "오피니언", "사람", "포토", "영상")
SCRIPT = (
    "window.dataLayer = window.dataLayer || [];\n"
    "function gtag(){dataLayer.push(arguments);}\n"
    "gtag('js', new Date()); gtag('config', 'G-XXXXXXX');\n"
    "var article = {id: %d, section: '%s', keywords: ['%s']};\n"
)


@dataclass
class CorpusInfo:
    """A corpus folder and what it holds.

    Attributes:
        path: The folder.
        size_mb: The size asked for, in MiB.
        seed: The seed it was made from.
        files: How many files.
        bytes: Their total size.
        kinds: Files per kind, such as ``txt utf-8`` or ``html euc-kr``.
        seconds: How long writing it took (0 when it was reused).
        reused: Whether an existing folder made with the same parameters was used.
        version: The generator version.
    """

    path: Path
    size_mb: float
    seed: int
    files: int = 0
    bytes: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    reused: bool = False
    version: int = GENERATOR_VERSION

    def describe(self) -> str:
        """One line: files, size and kinds."""
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(self.kinds.items(), key=lambda i: -i[1]))
        how = "reused" if self.reused else f"written in {self.seconds:.1f} s"
        return f"{self.files} files, {self.bytes / MB:.1f} MB ({kinds}); {how}"


class _Pool:
    """Glosses drawn with a Zipf distribution: the first are frequent, most are rare."""

    def __init__(self, items: Sequence[tuple[str, str]], rng: random.Random) -> None:
        self.items = list(items)
        self.cp949 = [_cp949_ok(h + g) for h, g in self.items]
        self.cum = list(itertools.accumulate(1 / (i + 1) for i in range(len(self.items))))
        self.rng = rng

    def draw(self, cp949: bool = False) -> tuple[str, str]:
        """A (hanja, hangul) pair; for a CP949 file one it can encode, if a few tries find it."""
        for _ in range(8):
            i = self.rng.choices(range(len(self.items)), cum_weights=self.cum)[0]
            if not cp949 or self.cp949[i]:
                break
        return self.items[i]


def _particle(word: str, particle: str) -> str:
    """The form of a particle (은/는, 이/가, 을/를, 과/와) that fits the word before it.

    The word may end in a gloss, ``마윈(馬雲)``: its hangul decides.
    """
    hangul = word.split("(", 1)[0]
    last = hangul[-1:]
    if not ("가" <= last <= "힣"):
        return particle
    closed = (ord(last) - 0xAC00) % 28 != 0
    for with_coda, without in PARTICLES:
        if particle in (with_coda, without):
            return with_coda if closed else without
    return particle


def _fill(template: str, slots: dict[str, str]) -> str:
    """A template with its slots filled and each slot's particle fitted to its word."""

    def one(m: re.Match[str]) -> str:
        word = slots[m.group(1)]
        gloss = m.group(2).format(**slots) if m.group(2) else ""
        return word + gloss + (_particle(word, m.group(3)) if m.group(3) else "")

    return SLOT.sub(one, template)


def _cp949_ok(text: str) -> bool:
    try:
        text.encode("cp949")
    except UnicodeEncodeError:
        return False
    return True


class _Writer:
    """Writes the articles of one corpus, drawing everything from one seeded generator."""

    def __init__(self, size_mb: float, seed: int) -> None:
        from glossary import Enricher

        self.rng = rng = random.Random(seed)
        article = ARTICLE.read_text(encoding="utf-8")
        blocks = [b.strip() for b in article.split("\n\n") if b.strip()]
        # The article's parts (see seeds/hangzhou-ai-town.txt): site chrome, headline,
        # sub-headlines, a photo caption, ten paragraphs, a fact box, byline and footer.
        self.chrome = blocks[0]
        self.headlines = [blocks[2], *blocks[4:8]]
        self.caption = blocks[9]
        self.body = blocks[11:21]
        self.box = "\n\n".join(blocks[21:29])
        self.footer = blocks[30] + "\n\n" + blocks[31]
        originals = sorted(
            {m.group(0) for m in GLOSS.finditer(article)}, key=lambda g: (-len(g), g)
        )
        self.originals = {g: GLOSS.fullmatch(g).group(1) for g in originals}  # type: ignore[union-attr]
        hanguls = sorted(set(self.originals.values()), key=lambda g: (-len(g), g))
        # A gloss or a later mention, and the particle after it (fixed to fit the new word).
        self.swap_re = re.compile(
            "(" + "|".join(re.escape(g) for g in [*originals, *hanguls]) + ")"
            rf"({PARTICLE.pattern})?"
        )

        enricher = Enricher()
        scale = max(size_mb, 1.0)
        names: dict[str, str] = {}
        want = min(30_000, int(1_500 * scale**0.6))
        while len(names) < want:
            hanja = rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2, 2))))
            if hanja not in names:
                names[hanja] = enricher.info(hanja).mandarin_hangul
        self.names = _Pool(list(names.items()), rng)
        words = _word_list()
        rng.shuffle(words)
        words = [(w, r) for w, r in words if all("\u3400" <= c <= "\u9fff" for c in w)]
        self.words = _Pool(words[: min(60_000, int(3_000 * scale**0.6))], rng)

    # -------------------------------------------------------------- the text

    def _mapping(self, cp949: bool) -> dict[str, str]:
        """A swap of about half the article's glosses: gloss or hangul -> replacement."""
        swaps: dict[str, str] = {}
        for gloss, hangul in self.originals.items():
            if self.rng.random() < 0.5:
                continue
            pool = self.names if self.rng.random() < 0.6 else self.words
            hanja, new = pool.draw(cp949)
            swaps[gloss] = f"{new}({hanja})"
            swaps.setdefault(hangul, new)
        return swaps

    def _swap(self, text: str, swaps: dict[str, str]) -> str:
        def one(m: re.Match[str]) -> str:
            new = swaps.get(m.group(1))
            if new is None:
                return m.group(0)
            return new + (_particle(new, m.group(2)) if m.group(2) else "")

        return self.swap_re.sub(one, text)

    def _invented(self, cp949: bool) -> str:
        """A short paragraph of invented news sentences, each with new glosses."""
        sentences = []
        for _ in range(self.rng.randint(2, 4)):
            (big_n, n), (big_n2, n2) = self.names.draw(cp949), self.names.draw(cp949)
            (big_w, w), (big_w2, w2) = self.words.draw(cp949), self.words.draw(cp949)
            slots = {"n": n, "N": big_n, "n2": n2, "N2": big_n2, "w": w, "W": big_w}
            slots |= {"w2": w2, "W2": big_w2}
            slots |= {"r": self.rng.choice(ROLES), "r2": self.rng.choice(ROLES)}
            sentences.append(_fill(self.rng.choice(TEMPLATES), slots))
        return " ".join(sentences)

    def _paragraphs(self, target: int, cp949: bool) -> list[str]:
        """Body paragraphs until about ``target`` bytes of UTF-8."""
        rng = self.rng
        out: list[str] = []
        size = 0
        while size < target:
            swaps = self._mapping(cp949)
            chosen = rng.sample(self.body, rng.randint(3, len(self.body)))
            for paragraph in chosen:
                if rng.random() < 0.3:
                    sentences = re.split(r"(?<=\.)\s+", paragraph)
                    rng.shuffle(sentences)
                    paragraph = " ".join(sentences)
                added = [self._swap(paragraph, swaps)]
                if rng.random() < 0.35:
                    added.append(self._invented(cp949))
                out += added
                size += sum(len(a.encode("utf-8")) + 2 for a in added)
                if size >= target:
                    break
        return out

    def article(self, target: int, cp949: bool) -> tuple[str, list[str], str]:
        """A headline, body paragraphs and a byline for an article of about ``target`` bytes."""
        swaps = self._mapping(cp949)
        headline = self._swap(self.rng.choice(self.headlines), swaps)
        body = self._paragraphs(target, cp949)
        city, _ = self.rng.choice(CITIES)
        reporter = self.rng.choice(REPORTERS)
        byline = f"{city} | {reporter} 특파원 reporter{self.rng.randint(1, 99)}@example.com"
        return headline, body, byline

    # -------------------------------------------------------------- the files

    def text_file(self, target: int) -> tuple[bytes, str]:
        """A plain-text article and its kind (``txt utf-8``, ``txt cp949``...)."""
        rng = self.rng
        roll = rng.random()
        encoding = (
            "cp949" if roll < 0.18 else "utf-8-sig" if roll < 0.24 else
            "utf-16" if roll < 0.26 else "utf-8"
        )  # fmt: skip
        headline, body, byline = self.article(target, encoding == "cp949")
        parts = []
        if rng.random() < 0.3:  # Copied from the page with its chrome.
            parts += [self.chrome, f"{rng.randint(1, 12):02d}.{rng.randint(1, 28):02d}"]
        parts += [headline, *body[:1]]
        if rng.random() < 0.3:
            parts.append(self._swap(self.caption, self._mapping(encoding == "cp949")))
        parts += body[1:]
        if rng.random() < 0.3:
            parts.append(self.box)
        parts.append(byline)
        if rng.random() < 0.5:
            parts.append(self.footer)
        text = "\n\n".join(parts) + "\n"
        newline = "\r\n" if rng.random() < 0.1 else "\n"
        if newline != "\n":
            text = text.replace("\n", newline)
        if encoding == "cp949":
            text = text.replace("©", "(c)")
            if not _cp949_ok(text):
                encoding = "utf-8"
        kind = f"txt {encoding}" + (" crlf" if newline != "\n" else "")
        return text.encode(encoding), kind

    def web_page(self, target: int, number: int, section: str, date: str) -> tuple[bytes, str]:
        """A news page: the article inside navigation, a side bar, a footer and scripts."""
        rng = self.rng
        euc_kr = rng.random() < 0.3
        headline, body, byline = self.article(target, euc_kr)
        e = html.escape
        if euc_kr:
            meta = rng.choice(
                (
                    '<meta charset="euc-kr">',
                    '<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">',
                    '<meta http-equiv="Content-Type" content="text/html; charset=ks_c_5601-1987">',
                )
            )
        else:
            meta = '<meta charset="utf-8">'
        paragraphs = "\n".join(f"<p>{e(p)}</p>" for p in body)
        if rng.random() < 0.5:
            figure = (
                f'<figure class="art_photo"><img src="/photo/{number}.jpg" alt="">'
                f"<figcaption>{e(self.caption)}</figcaption></figure>\n"
            )
            paragraphs = figure + paragraphs
        nav = "".join(f'<li><a href="/{i}">{e(n)}</a></li>' for i, n in enumerate(NAV))
        popular = "".join(
            f'<li><a href="/article/{rng.randint(10**6, 10**7)}">{e(h)}</a></li>'
            for h in rng.sample(self.headlines, 4)
        )
        page = f"""<!DOCTYPE html>
<html lang="ko">
<head>
{meta}
<title>{e(headline)} - 경향신문</title>
<meta property="og:title" content="{e(headline)}">
<link rel="stylesheet" href="/css/article.css">
<style>body{{font-family:sans-serif}} .gnb li{{display:inline;margin:0 4px}}</style>
<script>{SCRIPT % (number, section, e(headline[:20]))}</script>
</head>
<body>
<header id="header"><a href="/" class="logo">경향신문</a>
<nav class="gnb"><ul>{nav}</ul></nav>
<form action="/search"><input name="q" placeholder="검색어를 입력하세요"></form></header>
<div id="container">
<article class="art_view">
<h1 class="headline">{e(headline)}</h1>
<p class="byline">{e(byline)} <span class="date">입력 : {date}</span></p>
<div class="art_body" itemprop="articleBody">
{paragraphs}
</div>
</article>
<aside class="sidebar"><h2>많이 본 기사</h2><ol>{popular}</ol></aside>
</div>
<footer id="footer"><p>{e(self.footer)}</p>
<address>서울시 중구 정동길 3 (정동 22번지) 경향신문사</address></footer>
<script src="/js/common.js"></script>
</body>
</html>
"""
        if euc_kr:
            return page.encode("cp949", "xmlcharrefreplace"), "html euc-kr"
        return page.encode("utf-8"), "html utf-8"

    def write(self, folder: Path, size: int) -> tuple[int, int, Counter[str]]:
        """Write articles into ``folder`` until ``size`` bytes; return files, bytes, kinds."""
        rng = self.rng
        kinds: Counter[str] = Counter()
        total = files = 0
        while total < size:
            target = int(min(max(rng.lognormvariate(math.log(5_500), 0.6), 1_500), 80_000))
            section = rng.choice(SECTIONS)
            year, month, day = rng.randint(2016, 2024), rng.randint(1, 12), rng.randint(1, 28)
            if rng.random() < 0.2:
                hour, minute = rng.randint(6, 23), rng.randint(0, 59)
                date = f"{year}.{month:02d}.{day:02d} {hour:02d}:{minute:02d}"
                data, kind = self.web_page(target, files, section, date)
                suffix = rng.choice((".html", ".html", ".htm"))
            else:
                data, kind = self.text_file(target)
                suffix = ".txt"
            where = folder / section / str(year) / f"{month:02d}"
            where.mkdir(parents=True, exist_ok=True)
            (where / f"{year}{month:02d}{day:02d}-{files:05d}{suffix}").write_bytes(data)
            kinds[kind] += 1
            files += 1
            total += len(data)
        return files, total, kinds


def corpus_path(size_mb: float, seed: int, root: Path = CORPUS_ROOT) -> Path:
    """Where the corpus of this size and seed lives: ``ROOT/10mb-seed7``."""
    return root / f"{size_mb:g}mb-seed{seed}"


def write_corpus(folder: Path, size_mb: float, seed: int = 7) -> CorpusInfo:
    """Write a corpus of about ``size_mb`` MiB of news files into ``folder`` (replaced).

    Its description is written beside it, as ``folder.json`` (inside, an import would
    read it as an article).
    """
    start = time.perf_counter()
    if folder.exists():
        shutil.rmtree(folder)
    _manifest(folder).unlink(missing_ok=True)
    folder.mkdir(parents=True)
    files, total, kinds = _Writer(size_mb, seed).write(folder, int(size_mb * MB))
    info = CorpusInfo(folder, size_mb, seed, files, total, dict(kinds))
    info.seconds = time.perf_counter() - start
    data = {k: v for k, v in asdict(info).items() if k not in ("path", "reused")}
    _manifest(folder).write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    return info


def ensure_corpus(
    size_mb: float, seed: int = 7, root: Path = CORPUS_ROOT, *, regenerate: bool = False
) -> CorpusInfo:
    """The corpus of this size and seed, written unless an identical one is there already."""
    folder = corpus_path(size_mb, seed, root)
    manifest = _manifest(folder)
    if not regenerate and folder.is_dir() and manifest.exists():
        data = json.loads(manifest.read_text("utf-8"))
        if (data.get("version"), data.get("seed"), data.get("size_mb")) == (
            GENERATOR_VERSION,
            seed,
            size_mb,
        ):
            data.pop("seconds", None)
            return CorpusInfo(folder, reused=True, **data)
    return write_corpus(folder, size_mb, seed)


def ensure_even_corpus(files: int, size: int, seed: int = 7, root: Path = CORPUS_ROOT) -> Path:
    """A folder of ``files`` articles of about ``size`` bytes each (one in five a web page),
    written unless an identical one is there already (``ROOT/600x20kb-seed7``)."""
    folder = root / f"{files}x{size // 1000}kb-seed{seed}"
    manifest = _manifest(folder)
    wanted = {"version": GENERATOR_VERSION, "files": files, "size": size, "seed": seed}
    if folder.is_dir() and manifest.exists() and json.loads(manifest.read_text("utf-8")) == wanted:
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    writer = _Writer(files * size / MB, seed)
    for number in range(files):
        if writer.rng.random() < 0.2:
            data, _ = writer.web_page(size, number, "국제", "2024.01.01 09:00")
            suffix = ".html"
        else:
            data, _ = writer.text_file(size)
            suffix = ".txt"
        (folder / f"{number:05d}{suffix}").write_bytes(data)
    manifest.write_text(json.dumps(wanted), "utf-8")
    return folder


def _manifest(folder: Path) -> Path:
    return folder.with_name(folder.name + ".json")


def corpus_files(folder: Path) -> list[Path]:
    """The corpus's articles (text and web pages), sorted."""
    return sorted(p for p in folder.rglob("*") if p.suffix in SUFFIXES and p.is_file())


def bare_decode(data: bytes) -> str:
    """Bytes to text the quickest way that reads the corpus: a BOM, else UTF-8, else CP949."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp949", "replace")


def bare_scan(files: Sequence[Path], decode: Callable[[bytes], str] = bare_decode) -> int:
    """Read, decode and scan every file for ``hangul(漢字)`` pairs; return how many match."""
    found = 0
    for path in files:
        found += sum(1 for _ in BARE_SCAN.finditer(decode(path.read_bytes())))
    return found


def main() -> None:
    """Write a corpus and print what it holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="size in MiB (default 10)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--out", type=Path, help=f"the folder (default {CORPUS_ROOT.relative_to(ROOT)}/MBmb-seedN)"
    )
    args = parser.parse_args()
    folder = args.out or corpus_path(args.mb, args.seed)
    info = write_corpus(folder, args.mb, args.seed)
    print(f"{folder}: {info.describe()}")


if __name__ == "__main__":
    main()
