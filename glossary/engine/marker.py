"""Where 将 marks its object (as 把 does) rather than saying "will": the sense a card puts first.

将 alone is "will" (将召开, 将于明年) and the object marker (将资源优势转化为…, 成功地将…): in the
People's Daily of January 1998, PKU tags it the adverb 815 times and the preposition 393 in the
development half. :func:`takes_object` reads the clause around it: the marker where a verb
that moves or makes its object something follows after a word or more (将A纳入B, 将A作为B, 将A
送到B) or where an adverb of manner, 是, 先, 才, 已, 能 or a verb of intent comes just before it
(成功地将, 是将, 打算将); "will" where a verb, an adverb or a preposition comes right after it
(将于, 将进一步, 将作为). The caller has already read pronouns, demonstratives and numbers after it
as its object (:func:`glossary.engine.placed.senses_at`).
"""

from __future__ import annotations

__all__ = ["takes_object"]

# What ends the clause read after 将: its verb is in it.
_CLAUSE_ENDS = frozenset("，。；：！？,;:!?\n“”「」")
_LOOK_AHEAD = 40  # Characters read after 将 at most.

# Verbs that move their object or make it something, after 将 and the object (simplified and
# both traditional spellings).
_MOVED_BY = (
    "作为", "作爲", "作為", "列为", "列爲", "列為", "列入", "纳入", "納入", "视为", "視爲",
    "視為", "改为", "改爲", "改為", "分为", "分爲", "分為", "定为", "定爲", "定為", "转为",
    "轉爲", "轉為", "变为", "變爲", "變為", "化为", "化爲", "化為", "用于", "用於", "用在",
    "放在", "放到", "交给", "交給", "送给", "送給", "交由", "送到", "带到", "帶到", "提高到",
    "降低到", "扩大到", "擴大到", "增加到", "减少到", "減少到", "推向", "引向", "落到实处",
    "落到實處", "转化为", "轉化爲", "轉化為", "当作", "當作", "当成", "當成", "看作", "看成",
    "视作", "視作", "称为", "稱爲", "稱為", "译成", "譯成", "改成", "变成", "變成", "做成",
    "建成", "办成", "辦成", "翻译成", "翻譯成", "写成", "寫成", "制成", "製成", "连成", "連成",
    "汇成", "匯成", "结合起来", "結合起來", "联系起来", "聯繫起來", "集中起来", "集中起來",
    "统一起来", "統一起來", "落实到", "落實到", "贯彻到", "貫徹到", "延长到", "延長到", "推迟到",
    "推遲到", "送往", "运往", "運往", "投入", "引入", "带入", "帶入", "融入", "归入", "歸入",
    "划入", "劃入", "打入", "汇入", "匯入", "寄往", "转交", "轉交", "移交", "交付", "献给",
    "獻給", "留给", "留給", "还给", "還給", "告诉", "告訴", "介绍给", "介紹給", "写进", "寫進",
    "纳进", "納進", "搬上", "推上", "摆在", "擺在", "置于", "置於", "寓于", "寓於", "付诸",
    "付諸", "贯穿", "貫穿", "贯彻于", "貫徹於", "运用于", "運用於", "应用于", "應用於", "投向",
    "转向", "轉向", "转移到", "轉移到", "集中到", "扩展到", "擴展到", "推广到", "推廣到",
    "辐射到", "輻射到",
)  # fmt: skip

# What right after 将 makes it "will": a preposition, an adverb, a verb (将于, 将进一步, 将举行).
_VERB_STARTS = (
    "于", "於", "在", "是", "为", "爲", "為", "对", "對", "会", "會", "要", "以", "进一步",
    "進一步", "继续", "繼續", "向", "从", "從", "被", "同", "与", "與", "和", "根据", "根據",
    "通过", "通過", "按照", "更", "再", "不", "永远", "永遠", "逐步", "陆续", "陸續", "首次",
    "全面", "大大", "有", "成为", "成爲", "成為", "由", "给", "給", "把", "一如既往", "坚定不移",
    "堅定不移", "不断", "不斷", "重点", "重點", "主要", "直接", "正式", "及时", "及時", "分别",
    "分別", "共同", "尽快", "儘快", "努力", "迎来", "迎來", "开始", "開始", "出现", "出現",
    "举行", "舉行", "召开", "召開", "进行", "進行", "带来", "帶來", "产生", "產生", "发挥",
    "發揮", "达到", "達到", "超过", "超過", "面临", "面臨", "受到", "得到", "取得", "实现",
    "實現", "使", "让", "讓", "可能", "可以", "能", "就", "也", "都", "还", "還", "又", "只",
    "才", "首先", "率先", "全部", "一起", "一道", "稳步", "穩步", "自动", "自動", "自然",
)  # fmt: skip

# Verbs of intent and adverbs of manner just before the marker (打算将, 成功将).
_BEFORE_OBJECT = (
    "打算", "愿意", "願意", "请求", "請求", "命令", "决定", "決定", "不慎", "亲手", "親手",
    "没能", "沒能", "防止", "只有", "成功", "试图", "試圖", "设法", "設法", "力争", "力爭",
    "用来", "用來",
)  # fmt: skip
# One character just before the marker: 是将, 先将, 才将, 已将, 能将 (and 地, 成功地将).
_ONE_BEFORE = frozenset("是先才已能地")


def takes_object(text: str, at: int) -> bool:
    """Whether 将 at ``at`` marks the object of a verb later in its clause.

    Args:
        text: The text.
        at: The offset of 将 (or 將), a word of its own there.

    Returns:
        True for 政府将今年的预算削减 ... 成功地将企业改造, 将环保需求纳入产品开发; False for
        将于明年举行, 将进一步加强, 经济将继续保持, and where nothing says which.
    """
    if text.startswith(_VERB_STARTS, at + 1):
        return False
    if text[at - 1 : at] in _ONE_BEFORE or text[max(0, at - 2) : at] in _BEFORE_OBJECT:
        return True
    end = at + 1
    stop = min(len(text), at + 1 + _LOOK_AHEAD)
    while end < stop and text[end] not in _CLAUSE_ENDS:
        end += 1
    # A verb right after 将 has no object before it (将作为: "will serve as").
    return any(text.find(verb, at + 2, end) >= 0 for verb in _MOVED_BY)
