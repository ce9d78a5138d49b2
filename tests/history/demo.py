"""The demonstration corpus for year-over-year checks: the same people's reports across years, with ground truth.

Built deterministically from the seed templates and the 范文 in ../shared/corpus by editing them
(`python tests/history/demo.py OUTDIR` writes the files; the tests call `build(outdir)`).

Who and what:

| person | post | year | made from |
|---|---|---|---|
| 李明远 | 临河县县长 | 2021 | seed 002 (县长2020年述学述职述廉述法报告) |
| 李明远 | 临河县县长 | 2022 | seed 000 (2023年县长述职述廉述德报告) |
| 李明远 | 临河县县长 | 2023 | seed 003 (2023年度述德述职述廉报告) |
| 赵立新 | 常务副县长 (2022) → 县委常委、常务副县长 (2023) | 2022 | seed 001 |
| 赵立新 | | 2023 | seed 004 (topic-sentence headings) |
| 周晓梅 | 客户服务部经理 | 2023 | the 范文 (samples/shuzhi_baogao_fanwen.txt) |

Edits made to every file: vendor lines (QQ, 会员, ##paidbegin##/##paidend##) removed; the title rewritten
with the year and post; placeholders filled deterministically (党的XX大 → the 届次 of the year; XX/** before
a unit → a number drawn from a generator seeded with person and year; other XX → 临河); 十九届四中全会
→ the plenum of the year; the seed's closing wrap-up ("回顾一年来…") replaced by a numbered (or, in seed
004, labelled) 存在的问题 part and 今后打算 part written here; a closing formula and a signature line
(报告人：姓名) with a date added.

What was planted, year to year (the ground truth below names each one):

- **shortcomings** — 李明远: 2021 a1 a2 a3 a4; 2022 keeps a1 verbatim, rewords a2, drops a3 (fixed), adds
  a5 and a stock item that shares only 理论学习不够深入 with a4; 2023 keeps a1 lightly edited (three years
  in a row), rewords a5, drops a2, adds a7 and a stock item. 赵立新: 2022 b1 b2 b3; 2023 rewords b1, drops b2
  (fixed), adds b4 and a stock item. A sentence not in any word list, "抓落实的韧劲还不够足，有时满足于
  一般化的要求", is written by all three people: common language, never a repeat.
- **plans** — 李明远 2021 plans p1–p4: the 2022 duties report p1 and p2, never p3 and p4; 2022 plans
  q1–q3: the 2023 duties report q1 and q3, never q2. 赵立新 2022 plans r1, r2: 2023 reports r1, not r2.
- **recycled achievements** — 李明远 2022 repeats 2021's 招商引资 paragraph with the figures changed;
  李明远 2023 repeats 2021's 改革创新 paragraph (two years back); 赵立新 2023 repeats 2022's 招商引资
  paragraph.
- **figures** — 李明远 2022 says 上年 固定资产投资 88.4亿元, his 2021 report said 86.4亿元; 2023 says
  上年 社会消费品零售总额 41.2亿元, his 2022 report said 42.1亿元. Agreeing decoys: 2022's 上年
  一般公共预算收入 11.6亿元 against 2021's 11.63亿元 (the same within rounding), 2023's 上年 12.4亿元
  against 2022's 12.4亿元; 赵立新's 2023 上年 4.8亿元 against his 2022 4.8亿元; a target (计划…) and a
  cumulative figure (累计) that must not be compared.
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
SEEDS = sorted((CORPUS / "seeds").glob("0*.txt"))
FANWEN = CORPUS / "samples" / "shuzhi_baogao_fanwen.txt"

# The 届次 and plenum a report of each year would cite.
CONGRESS = {2021: "十九", 2022: "二十", 2023: "二十"}
PLENUM = {2021: "十九届六中全会", 2022: "党的二十大", 2023: "党的二十大"}

# ---- the planted items -------------------------------------------------------------------------

STOCK_SHARED = "抓落实的韧劲还不够足，有时满足于一般化的要求。"

SHORTCOMINGS = {
    ("李明远", 2021): [
        ("a1", "一是推动重点项目建设的办法不多，临河经济开发区二期扩区因用地指标不足拖了半年，企业入驻率只有六成。"),
        ("a2", "二是抓财源建设的力度不够，税源结构单一，房地产相关税收占比仍然偏高，非税收入比重过大。"),
        ("a3", "三是农村人居环境整治进度不平衡，东部三个乡镇的改厕和污水收集还没有完成。"),
        ("a4", "四是理论学习不够深入，运用理论指导实践还有差距。"),
        ("s1", "五是" + STOCK_SHARED),
    ],
    ("李明远", 2022): [
        ("a1", "一是推动重点项目建设的办法不多，临河经济开发区二期扩区因用地指标不足拖了半年，企业入驻率只有六成。"),
        ("a2", "二是财源建设力度还不够，税源结构比较单一，房地产相关税收占比依然偏高，非税收入比重较大。"),
        ("a5", "三是城区停车难、学校大班额问题群众反映强烈，解决得还不够快。"),
        ("a6", "四是理论学习不够深入，学用结合还不够紧密。"),
        ("s1", "五是" + STOCK_SHARED),
    ],
    ("李明远", 2023): [
        (
            "a1",
            "一是推动重点项目建设办法不多，临河经济开发区二期扩区因用地指标不足拖了半年多，企业入驻率只有六成左右。",
        ),
        ("a5", "二是城区停车难和学校大班额问题，群众反映依然强烈，解决进度还不够快。"),
        ("a7", "三是安全生产监管还有薄弱环节，小化工企业和自建房隐患排查不够彻底。"),
        ("a8", "四是深入基层调研不够，开拓创新不够主动。"),
    ],
    ("赵立新", 2022): [
        ("b1", "一是分管的招商引资工作落地率不高，签约项目中开工建设的不到一半。"),
        ("b2", "二是信访积案化解进度慢，三件重复访积案仍未办结。"),
        ("b3", "三是理论学习不够深入，学习的系统性不够。"),
        ("s1", "四是" + STOCK_SHARED),
    ],
    ("赵立新", 2023): [
        ("b1", "一是分管的招商引资项目落地率仍然不高，签约项目开工建设的还不到一半。"),
        ("b4", "二是县级财政收支矛盾突出，“三保”支出压力大，化解隐性债务的办法还不多。"),
        ("b5", "三是理论学习不够深入，开拓创新不够主动。"),
    ],
    ("周晓梅", 2023): [
        ("c1", "一是理论学习不够深入，运用理论指导实践还有差距。"),
        ("c2", "二是新入职柜员的业务培训不够系统，柜面差错率仍然偏高。"),
        ("s1", "三是" + STOCK_SHARED),
    ],
}

PLANS = {
    ("李明远", 2021): [
        ("p1", "一是加快临河经济开发区二期扩区，年内完成土地报批和道路管网建设。"),
        ("p2", "二是建成县城第二水厂，解决城东片区供水不足问题。"),
        ("p3", "三是推进县医院新院区建设，力争主体工程封顶。"),
        ("p4", "四是完成东部三个乡镇的改厕和污水收集管网建设。"),
    ],
    ("李明远", 2022): [
        ("q1", "一是建成智慧停车场三处，新增公共停车泊位1500个。"),
        ("q2", "二是新建城北小学和第三幼儿园，缓解城区学校大班额问题。"),
        ("q3", "三是启动老旧小区改造二期，惠及居民2000户。"),
    ],
    ("李明远", 2023): [
        ("t1", "一是计划到2024年一般公共预算收入完成14亿元，培育新的税源。"),
        ("t2", "二是推进城乡供水一体化，完成西部五个乡镇管网延伸。"),
    ],
    ("赵立新", 2022): [
        ("r1", "一是推动签约项目开工，全年新开工招商项目不少于20个。"),
        ("r2", "二是完成县城东环路建设，年底前建成通车。"),
    ],
    ("赵立新", 2023): [
        ("u1", "一是加强财源建设，盘活闲置国有资产。"),
        ("u2", "二是开展信访积案化解攻坚，年内清零。"),
    ],
    ("周晓梅", 2023): [],
}

# Duties paragraphs that report on last year's plans (and the figures of the year).
DUTIES_EXTRA = {
    ("李明远", 2021): [
        "全年一般公共预算收入完成11.63亿元，增长6.1%。全年固定资产投资完成86.4亿元，增长7.5%。"
        "全年社会消费品零售总额完成39.8亿元，增长8.2%。",
    ],
    ("李明远", 2022): [
        "全年一般公共预算收入完成12.4亿元，较上年的11.6亿元增长6.9%。全年固定资产投资完成91.5亿元，"
        "较上年的88.4亿元增长3.5%。全年社会消费品零售总额完成42.1亿元，增长5.8%。",
        "亲自推动经济开发区二期扩区，完成土地报批，新建道路和配套管网12公里，新入驻企业9家。"
        "县城第二水厂建成通水，城东片区供水不足问题得到解决。",
    ],
    ("李明远", 2023): [
        "全年一般公共预算收入完成13.1亿元，较上年的12.4亿元增长5.6%。全年社会消费品零售总额完成44亿元，"
        "较上年的41.2亿元增长6.8%。2021年以来累计完成固定资产投资272亿元。",
        "牵头建成智慧停车场三处，新增公共停车泊位1600个，城区停车难有所缓解。"
        "老旧小区改造二期全面开工，惠及居民2100户。",
    ],
    ("赵立新", 2022): [
        "全年一般公共预算收入完成4.8亿元，增长3.2%。",
    ],
    ("赵立新", 2023): [
        "全年一般公共预算收入完成5.2亿元，较上年的4.8亿元增长8.3%。"
        "督促签约项目开工，全年新开工招商项目23个，签约项目开工率提高到百分之六十八。",
    ],
    ("周晓梅", 2023): [],
}

# ---- ground truth ------------------------------------------------------------------------------

# (person, year, item) -> (earlier year, item): this year's shortcoming repeats that one.
REPEATS = {
    ("李明远", 2022, "a1"): (2021, "a1"),
    ("李明远", 2022, "a2"): (2021, "a2"),
    ("李明远", 2023, "a1"): (2022, "a1"),
    ("李明远", 2023, "a5"): (2022, "a5"),
    ("赵立新", 2023, "b1"): (2022, "b1"),
}
# Years in a row each repeat has been written (this year included).
YEARS_IN_A_ROW = {
    ("李明远", 2022, "a1"): 2,
    ("李明远", 2022, "a2"): 2,
    ("李明远", 2023, "a1"): 3,
    ("李明远", 2023, "a5"): 2,
    ("赵立新", 2023, "b1"): 2,
}
# Last year's plans never reported on in this year's duties: (person, this year) -> plan ids of last year.
UNREPORTED_PLANS = {
    ("李明远", 2022): {"p3", "p4"},
    ("李明远", 2023): {"q2"},
    ("赵立新", 2023): {"r2"},
}
# Recycled achievements: (person, year, a phrase inside the copied paragraph) -> the year copied from.
RECYCLED = {
    ("李明远", 2022, "招商引资成果丰硕"): 2021,
    ("李明远", 2023, "改革创新不断深化"): 2021,
    ("赵立新", 2023, "多措并举建机制"): 2022,
}
# Figures that disagree: (person, this year, indicator, the year the value is for) -> (this report, earlier report).
DISAGREEMENTS = {
    ("李明远", 2022, "固定资产投资", 2021): ("88.4亿元", "86.4亿元"),
    ("李明远", 2023, "社会消费品零售总额", 2022): ("41.2亿元", "42.1亿元"),
}


@dataclass
class Report:
    person: str
    year: int
    unit: str
    post: str
    filename: str
    text: str
    items: dict[str, str] = field(default_factory=dict)  # item id -> text, shortcomings and plans


PEOPLE = {
    "李明远": ("临河县人民政府", {2021: "县长", 2022: "县长", 2023: "县长"}),
    "赵立新": ("临河县人民政府", {2022: "常务副县长", 2023: "县委常委、常务副县长"}),
    "周晓梅": ("临河支公司客户服务部", {2023: "客户服务部经理"}),
}

_VENDOR_LINE = re.compile(r"QQ|会员|仅供学习|酷乐文行|自建平台|根据实际需求|现在订阅|打击倒卖|举报倒卖")
_UNIT_AFTER = "%个家人项万亿件户公余平名起所元米吨亩"


def _fill(text: str, person: str, year: int) -> str:
    rng = random.Random(f"{person}-{year}")
    text = text.replace("##paidbegin##", "").replace("##paidend##", "")
    text = re.sub(r"党的XX大", f"党的{CONGRESS[year]}大", text)
    text = text.replace("十九届四中全会", PLENUM[year]).replace("十九届五中全会", PLENUM[year])
    text = re.sub(r"xx年", f"{year}年", text)

    def number(m):
        return str(rng.randint(12, 98))

    text = re.sub(rf"(?:XX|\*\*)(?=[{_UNIT_AFTER}])", number, text)
    return re.sub(r"XX|\*\*|xx", "临河", text)


def _body_lines(path: Path, title_hint: str | None = None) -> list[str]:
    lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    if title_hint:
        lines = lines[next(i for i, ln in enumerate(lines) if title_hint in ln) :]
    return [ln for ln in lines if ln and not (len(ln) < 80 and _VENDOR_LINE.search(ln)) and ln.strip("#")]


def _wrap_up(line: str) -> bool:
    return line.startswith(("回顾一年来", "一年来，虽然", "纸上得来"))


def _parts(num: tuple[str, str] | None, shortcomings, plans) -> list[str]:
    """The 存在的问题 and 今后打算 parts: numbered headings (num = their markers) or label lines."""
    out = [f"{num[0]}存在的问题" if num else "存在的问题"]
    out.append("对照组织的要求和群众的期盼，本人工作中还存在一些问题和不足：")
    out.extend(t for _, t in shortcomings)
    if plans:
        out.append(f"{num[1]}今后打算" if num else "下一步打算")
        out.append("针对以上问题，今后本人将重点抓好以下工作：")
        out.extend(t for _, t in plans)
    return out


def _recycle(text: str, rng: random.Random) -> str:
    """A paragraph from an earlier year with its figures changed, as the copier would."""
    return re.sub(rf"(?<=[^\d.])\d+(?=[{_UNIT_AFTER}])", lambda m: str(rng.randint(12, 98)), text)


def _li(year: int, reports: dict) -> Report:
    person = "李明远"
    unit, posts = PEOPLE[person]
    seed_for = {2021: (SEEDS[2], "县长2020年"), 2022: (SEEDS[0], None), 2023: (SEEDS[3], None)}
    path, hint = seed_for[year]
    lines = _body_lines(path, hint)
    body = [ln for ln in lines[1:] if not _wrap_up(ln)]
    body = [_fill(ln, person, year) for ln in body]
    body = [ln.replace("2020年", f"{year}年") for ln in body]
    # The opening says who is reporting.
    body[0] = f"本人作为临河县县长，主持县政府全面工作。{body[0]}"
    rng = random.Random(f"recycle-{person}-{year}")
    extra = list(DUTIES_EXTRA[(person, year)])
    if year == 2022:
        src = next(ln for ln in reports[2021].text.splitlines() if "招商引资成果丰硕" in ln)
        extra.append(_recycle(src, rng))
    if year == 2023:
        src = next(ln for ln in reports[2021].text.splitlines() if "改革创新不断深化" in ln)
        extra.append(_recycle(src, rng))
    # Insert the extra duties paragraphs at the end of the second numbered part (the work part).
    heads = [i for i, ln in enumerate(body) if re.match(r"^[一二三四五六七八九十]、", ln)]
    at = heads[2] if len(heads) > 2 else len(body)
    body[at:at] = extra
    n = len(heads)
    nums = "一二三四五六七八九十"
    parts = _parts((f"{nums[n]}、", f"{nums[n + 1]}、"), SHORTCOMINGS[(person, year)], PLANS[(person, year)])
    title = f"临河县县长{year}年度述职述廉报告"
    sign = ["特此报告，请予评议。", "报告人：李明远", f"{year}年12月28日"]
    text = "\n".join([title, *body, *parts, *sign]) + "\n"
    return Report(person, year, unit, posts[year], f"李明远-{year}.txt", text, _items(person, year))


def _zhao(year: int, reports: dict) -> Report:
    person = "赵立新"
    unit, posts = PEOPLE[person]
    path = SEEDS[1] if year == 2022 else SEEDS[4]
    lines = _body_lines(path)
    body = [ln for ln in lines[1:] if not _wrap_up(ln)]
    if year == 2023:
        body = body[1:]  # seed 004 repeats its title on the second line
    body = [_fill(ln, person, year) for ln in body]
    body[0] = f"本人作为临河县{posts[year]}，协助县长分管招商、财政、信访和安全生产工作。{body[0]}"
    extra = list(DUTIES_EXTRA[(person, year)])
    if year == 2023:
        src = next(ln for ln in reports[2022].text.splitlines() if "多措并举建机制" in ln)
        extra.append(_recycle(src, random.Random(f"recycle-{person}-{year}")))
    if year == 2022:
        heads = [i for i, ln in enumerate(body) if re.match(r"^[一二三四五六七八九十]、", ln)]
        body[heads[2] : heads[2]] = extra
        parts = _parts(("六、", "七、"), SHORTCOMINGS[(person, year)], PLANS[(person, year)])
    else:
        body[2:2] = extra  # after the first topic part, as its own paragraphs
        parts = _parts(None, SHORTCOMINGS[(person, year)], PLANS[(person, year)])
    title = f"临河县{posts[year]}{year}年度述职述廉述责报告"
    sign = ["特此报告，请予评议。", "报告人：赵立新", f"{year}年12月26日"]
    text = "\n".join([title, *body, *parts, *sign]) + "\n"
    return Report(person, year, unit, posts[year], f"赵立新-{year}.txt", text, _items(person, year))


def _zhou(year: int) -> Report:
    person = "周晓梅"
    unit, posts = PEOPLE[person]
    lines = [_fill(ln, person, year) for ln in _body_lines(FANWEN)]
    # Before the 范文's own plans ("现就不足与差距…做如下安排"), the shortcomings it never names.
    at = next(i for i, ln in enumerate(lines) if ln.startswith("繁忙的工作"))
    short = ["回顾一年来的工作，本人还存在一些不足：" + "".join(t for _, t in SHORTCOMINGS[(person, year)])]
    lines[at:at] = short
    title = f"客户服务部经理{year}年度述职报告"
    sign = ["报告人：周晓梅", f"{year}年12月20日"]
    text = "\n".join([title, *lines, *sign]) + "\n"
    return Report(person, year, unit, posts[year], f"周晓梅-{year}.txt", text, _items(person, year))


def _items(person: str, year: int) -> dict[str, str]:
    return {k: v for k, v in SHORTCOMINGS[(person, year)] + PLANS[(person, year)]}


def reports() -> list[Report]:
    """Every report of the demonstration corpus, in a fixed order."""
    li: dict[int, Report] = {}
    for y in (2021, 2022, 2023):
        li[y] = _li(y, li)
    zhao: dict[int, Report] = {}
    for y in (2022, 2023):
        zhao[y] = _zhao(y, zhao)
    return [*li.values(), *zhao.values(), _zhou(2023)]


def build(outdir: Path) -> list[tuple[Path, Report]]:
    """Write the reports as UTF-8 .txt files in outdir; returns (path, report) pairs."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    out = []
    for r in reports():
        p = outdir / r.filename
        p.write_text(r.text, encoding="utf-8")
        out.append((p, r))
    return out


def manifest_rows() -> list[dict[str, str]]:
    """The round manifest a reviewer keeps: file → 姓名, 单位, 职务, 年度."""
    return [
        {"文件": r.filename, "姓名": r.person, "单位": r.unit, "职务": r.post, "年度": str(r.year)} for r in reports()
    ]


if __name__ == "__main__":  # pragma: no cover
    for p, r in build(Path(sys.argv[1] if len(sys.argv) > 1 else "history-demo")):
        print(p, r.person, r.year, len(r.text))
