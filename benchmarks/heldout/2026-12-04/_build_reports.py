"""Builds the report-level held-out sets (classes 3–7 of issue #13) from the hand-written pools.

Written 2026-12-04 before the fixes, without reading src/. Run once; its TOML output is the data of record.
"""

import json
import random
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from _pools import *

R = random.Random(20261204)


def q(s):
    return json.dumps(s, ensure_ascii=False)


def emit(path, header, cases):
    out = [f"# {line}" if line else "#" for line in header] + [""]
    for c in cases:
        out.append("[[case]]")
        for k, v in c.items():
            out.append(f"{k} = {q(v) if not isinstance(v, (bool, int)) else str(v).lower()}")
        out.append("")
    open(path, "w").write("\n".join(out))
    pos = sum(c["label"] == "pos" for c in cases)
    print(path, "pos", pos, "decoy", len(cases) - pos)


def pick(pool, k):
    return R.sample(pool, k)


def report(title, role_i, body, short=None, plans=True, closing=True, short_heading=True, extra=None):
    role, place, opening = ROLES[role_i % len(ROLES)]
    parts = [title, opening + "现将一年来的履职情况报告如下。"]
    n = ["一", "二", "三", "四", "五", "六"]
    i = 0
    for h, paras in body:
        parts.append(f"{n[i]}、{h}")
        parts += paras
        i += 1
    if short:
        if short_heading:
            parts.append(f"{n[i]}、存在的问题和不足")
            i += 1
            parts += short
        else:
            parts.append("回顾一年来的工作，自己还有不少差距，主要是：" + "".join(short))
    if plans:
        if short_heading:
            parts.append(f"{n[i]}、今后打算")
            i += 1
        parts.append(R.choice(PLANS))
    if extra:
        parts += extra
    if closing:
        parts.append(R.choice(CLOSING))
    return "\n".join(parts)


def body_work(k=3):
    return [("加强学习，提升能力", pick(STUDY, 1)), ("履职尽责，推动发展", pick(WORK, k))]


YEARS_TITLES = [
    "2023年度述职述廉报告",
    "个人述职报告",
    "2023年述职述责述廉报告",
    "述职述廉报告",
    "2022年度个人述职报告",
    "述职报告",
]


# ============ class 3: document kind ============
def kinds():
    cases = []
    for j in range(30):
        role, place, _ = ROLES[j % len(ROLES)]
        title = R.choice(
            [
                f"{role}2023年度述职述廉报告",
                "2023年度个人述职报告",
                f"{place}{role}述职述责述廉报告",
                "在2023年度县管领导干部述职述廉会议上的述职报告",
                f"个人述职报告（{role}）",
                f"{role}抓基层党建工作述职报告",
            ]
        )
        body = [
            ("加强学习，提升能力", pick(STUDY, 1)),
            ("履职尽责，推动发展", pick(WORK, 2)),
            ("严于律己，廉洁从政", pick(INTEGRITY_LEX, 1)),
        ]
        text = report(title, j, body, short=pick(SHORT_CONCRETE, 1), plans=True)
        cases.append({"id": f"kind-p{j + 1:02d}", "label": "pos", "kind": "述职", "text": text})
    hosts = [
        ("县管领导干部", "县委常委、组织部部长"),
        ("乡镇党委书记抓基层党建工作", "县委副书记"),
        ("县直部门领导班子和领导干部", "县纪委书记"),
        ("镇领导班子成员", "镇党委书记"),
        ("局领导班子和中层干部", "局党组书记"),
        ("村（社区）党组织书记", "镇党委副书记"),
        ("学校校长", "县教育局局长"),
    ]
    d = []
    for j, (who, host) in enumerate(hosts):  # 主持词
        n = 5 + j
        t = (
            f"在2023年度{who}述职述廉会议上的主持词\n同志们：\n根据县委统一安排，今天我们召开2023年度{who}述职述廉会议。这次会议的主要任务是：听取{n}位同志的述职述廉报告，进行民主测评，推动大家进一步增强责任意识。\n"
            f"出席今天会议的有：县委考核组全体成员，以及各单位干部职工代表共{80 + 10 * j}人。\n会议共有三项议程：一是述职述廉；二是民主测评；三是请考核组组长讲话。\n"
            f"下面进行第一项议程，请王建国同志述职。\n……\n{n}位同志的述职述廉到此结束。下面进行第二项议程，请大家认真填写测评表，填写时要实事求是、客观公正。\n"
            f"下面，请考核组组长讲话。大家欢迎。\n同志们，刚才{n}位同志作了述职，考核组组长作了重要讲话，希望大家认真抓好落实。会议到此结束，散会。"
        )
        d.append(("主持词", t))
    for j, (who, host) in enumerate(hosts):  # 讲话 at a 述职会
        n = 6 + j
        t = (
            f"在{who}述职述责述廉评议大会上的讲话\n{host}  张明华\n同志们：\n刚才，{n}位同志分别作了述职述责述廉报告，大家进行了民主测评。总的看，报告实事求是，既讲了成绩，也查摆了问题，体现了较强的责任意识。下面，我讲三点意见。\n"
            "一、充分肯定一年来的工作成绩\n一年来，大家认真履行职责，较好完成了县委部署的各项任务。全县基层党组织建设全面进步，发展党员工作更加规范。\n"
            "二、清醒认识存在的问题\n从今天述职的情况看，有的同志抓党建的思路不够清晰，有的同志对问题的剖析还不够深入，个别同志讲成绩多、讲问题少。\n"
            "三、切实抓好问题整改\n各位同志要对照今天的点评意见，逐条制定整改措施，明确整改时限，一个月内报县委组织部。\n同志们，希望大家以这次述职评议为契机，扎实做好各项工作。"
        )
        d.append(("讲话", t))
    units = ["县交通运输局", "青石镇人民政府", "县卫生健康局", "县市场监督管理局", "东关街道办事处", "县自然资源局"]
    for j, u in enumerate(units):  # 工作总结 of a unit
        w = pick(WORK, 2)
        t = (
            f"{u}2023年工作总结和2024年工作打算\n今年以来，{u}在县委、县政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神，各项工作取得了新的成效。现将有关情况总结如下。\n"
            "一、主要工作成效\n"
            + "\n".join(
                x.replace("我牵头", "我们")
                .replace("亲自带队", "组织")
                .replace("我", "我们")
                .replace("主持召开", "召开")
                for x in w
            )
            + "\n二、存在的问题\n一是项目储备不足，二是干部队伍年龄结构老化，三是部分群众反映的问题解决不够及时。\n三、2024年工作打算\n全年重点做好以下几个方面工作：一是抓好重点项目建设；二是加强干部队伍建设；三是着力解决群众急难愁盼问题。"
        )
        d.append(("工作总结", t))
    for j, u in enumerate(units[:5]):  # a unit's report to the county committee
        t = (
            f"中共{u}党组关于2023年度落实全面从严治党主体责任情况的报告\n县委：\n2023年，局党组坚决落实全面从严治党主体责任，推动管党治党向纵深发展。现将有关情况报告如下。\n"
            "一、履行主体责任情况\n局党组全年召开专题会议研究全面从严治党工作6次，党组书记与班子成员签订责任书，班子成员与分管股室签订责任书，层层传导压力。\n"
            "二、加强作风建设情况\n开展作风纪律专项整治，查处违反中央八项规定精神问题2起，给予党纪处分2人。\n"
            "三、存在的问题\n主体责任向基层延伸不够，少数党员干部纪律意识淡薄。\n四、下一步工作打算\n局党组将认真贯彻县委部署，持续推进全面从严治党向纵深发展。\n特此报告。\n中共"
            + u
            + "党组\n2024年1月15日"
        )
        d.append(("单位报告", t))
    meetings = [
        "2023年度民主生活会",
        "学习贯彻习近平新时代中国特色社会主义思想主题教育专题民主生活会",
        "2023年度组织生活会",
        "巡察整改专题民主生活会",
        "以案促改专题民主生活会",
    ]
    for j, m in enumerate(meetings):  # 对照检查材料
        role, place, _ = ROLES[j + 3]
        t = (
            f"{m}个人对照检查材料\n{role}  李卫东\n根据县委关于召开{m}的通知要求，本人认真学习规定篇目，广泛征求意见建议，对照六个方面深入查摆问题、剖析原因，现将个人对照检查情况报告如下。\n"
            "一、存在的主要问题\n（一）在学习贯彻新思想方面。学习的系统性不够，有时满足于读原文、记笔记，联系分管工作思考不深。\n（二）在担当作为方面。面对历史遗留问题，有时存在等一等、看一看的想法。\n"
            "二、问题产生的原因\n一是理想信念有所松懈；二是宗旨意识有所淡化；三是自我要求有所放松。\n三、整改措施\n针对以上问题，本人将从三个方面抓好整改：一是加强理论武装；二是强化担当作为；三是严守纪律规矩。\n"
            "以上对照检查，请同志们批评指正。"
        )
        d.append(("对照检查材料", t))
    for j, (k, t) in enumerate(d):
        cases.append({"id": f"kind-d{j + 1:02d}", "label": "decoy", "kind": k, "text": t})
    emit(
        OUT + "doc_kind.toml",
        [
            "Held-out set, class 3 of issue #13: document kind. Written 2026-12-04, before the fix, without reading src/.",
            "label: pos = a personal 述职(述廉/述责) report (kind 述职); decoy = another genre that a reviewer may",
            "receive in the same round (kind 主持词 / 讲话 at a 述职会, a unit's 工作总结, a 单位报告 to the county",
            "committee, a 对照检查材料 for a 民主生活会). Several decoy titles contain 述职/述廉 on purpose.",
            "Built by _build_reports.py from hand-written pools; this file is the data of record.",
        ],
        cases,
    )


# ============ class 4: parts ============
REFLECT = [  # opening reflections that muse on writing the report: not the shortcomings part
    "提笔写这份述职报告，心情很不平静。回顾一年来的工作，有收获的喜悦，也有不足的遗憾，更多的是对组织和同志们的感激。",
    "每年写述职报告，对我来说都是一次自我审视的过程。这一年自己究竟为群众做了些什么，还有哪些事情没有做好，我反复问过自己。",
    "写述职报告之前，我把一年来的工作日志又翻了一遍。成绩是大家干出来的，差距和不足是我自己的，这一点我心里很清楚。",
    "说实话，写这份报告比写其他材料难。讲成绩怕夸大，讲问题怕不深刻，我尽量把真实情况向大家报告。",
    "今天向大家述职，既是汇报，也是反思。一年来，我深感责任重大，能力还有差距，唯有加倍努力才能不负重托。",
    "这是我到任后的第一份述职报告。回望这一年，有过欣慰，也有过焦虑和遗憾，但始终不敢有丝毫懈怠。",
    "站在年末回头看，自己走过的每一步都有组织的信任和同志们的支持。写下这些文字，是总结，更是鞭策。",
    "接到通知要写述职报告，我想起了刚到乡里时老支书对我说的话：干部干部，先干一步。这一年，我努力按这句话去做，做得好的不多，不足的不少。",
]


def parts():
    cases = []
    shapes = ["heading", "paragraph", "before-integrity", "label-line", "combined-heading"]
    for j in range(32):
        shape = shapes[j % len(shapes)]
        sc = pick(SHORT_CONCRETE, 2)
        role, place, opening = ROLES[j % len(ROLES)]
        title = R.choice(YEARS_TITLES)
        head = [
            title,
            opening + "现将履职情况报告如下。",
            "一、加强学习，提升能力",
            *pick(STUDY, 1),
            "二、履职尽责，推动发展",
            *pick(WORK, 2),
        ]
        if shape == "heading":
            parts_ = head + [
                "三、存在的问题",
                "一是" + sc[0] + "二是" + sc[1],
                "四、今后打算",
                R.choice(PLANS),
                R.choice(CLOSING),
            ]
        elif shape == "paragraph":
            parts_ = head + [
                "回顾一年来的工作，我清醒地认识到，自身还存在一些问题和不足：一是" + sc[0] + "二是" + sc[1],
                "今后，" + R.choice(PLANS).split("，", 1)[1],
                R.choice(CLOSING),
            ]
        elif shape == "before-integrity":
            parts_ = head + [
                "对照组织的要求，我在工作中还有不少差距。一是" + sc[0] + "二是" + sc[1],
                "三、廉洁自律",
                R.choice(INTEGRITY_LEX),
                "四、今后打算",
                R.choice(PLANS),
                R.choice(CLOSING),
            ]
        elif shape == "label-line":
            parts_ = head + [
                "存在的不足",
                "我的问题主要有两个：一是" + sc[0] + "二是" + sc[1],
                "下一步打算",
                R.choice(PLANS),
                R.choice(CLOSING),
            ]
        else:
            parts_ = head + [
                "三、存在的问题及今后打算",
                "一年来，我的工作还有明显不足。一是" + sc[0] + "二是" + sc[1],
                "针对以上问题，" + R.choice(PLANS).split("，", 1)[1],
                R.choice(CLOSING),
            ]
        cases.append(
            {
                "id": f"parts-p{j + 1:02d}",
                "label": "pos",
                "sub": "shortcomings-found",
                "shape": shape,
                "span": sc[0],
                "text": "\n".join(parts_),
            }
        )
    for j in range(32):
        refl = REFLECT[j % len(REFLECT)]
        role, place, opening = ROLES[j % len(ROLES)]
        title = R.choice(YEARS_TITLES)
        has_short = j % 2 == 0
        parts_ = [
            title,
            refl,
            opening + "现将有关情况报告如下。",
            "一、加强学习，提升能力",
            *pick(STUDY, 1),
            "二、履职尽责，推动发展",
            *pick(WORK, 2),
        ]
        if has_short:
            parts_ += ["三、存在的问题", *pick(SHORT_CONCRETE, 1), "四、今后打算", R.choice(PLANS)]
        else:
            parts_ += ["三、今后打算", R.choice(PLANS)]
        parts_.append(R.choice(CLOSING))
        cases.append(
            {
                "id": f"parts-d{j + 1:02d}",
                "label": "decoy",
                "sub": "opening-reflection",
                "shape": "with-shortcomings" if has_short else "no-shortcomings",
                "span": refl,
                "text": "\n".join(parts_),
            }
        )
    # 述职述廉 with no 廉 content (pos: S301 names 廉) vs with 廉 content (decoy), in several shapes
    for j in range(24):
        lab = "pos" if j < 12 else "decoy"
        shape = ["full", "no-shortcomings", "no-plans", "no-parts"][j % 4]
        role, place, opening = ROLES[(j * 5) % len(ROLES)]
        title = R.choice(["2023年度述职述廉报告", f"{role}述职述廉报告", "述职述廉报告", "2022年度个人述职述廉报告"])
        paras = [title, opening + "现将一年来的履职情况报告如下。"]
        if shape == "no-parts":
            paras += pick(STUDY, 1) + pick(WORK, 3)
            if lab == "decoy":
                paras += pick(INTEGRITY_LEX, 1)
        else:
            paras += ["一、加强学习，提升能力", *pick(STUDY, 1), "二、履职尽责，推动发展", *pick(WORK, 3)]
            k = 3
            if lab == "decoy":
                paras += ["三、廉洁自律，干净干事", *pick(INTEGRITY_LEX, 2)]
                k = 4
            num = "一二三四五六"
            if shape != "no-shortcomings":
                paras += [f"{num[k - 1]}、存在的问题", R.choice(SHORT_CONCRETE)]
                k += 1
            if shape != "no-plans":
                paras += [f"{num[k - 1]}、今后打算", R.choice(PLANS)]
        paras.append(R.choice(CLOSING))
        cases.append(
            {
                "id": f"parts-{'p' if lab == 'pos' else 'd'}{(j % 12) + 33 + (0 if lab == 'pos' else 0):02d}",
                "label": lab,
                "sub": "shulian-without-lian" if lab == "pos" else "shulian-with-lian",
                "shape": shape,
                "dimension": "廉",
                "text": "\n".join(paras),
            }
        )
    emit(
        OUT + "parts.toml",
        [
            "Held-out set, class 4 of issue #13: parts. Written 2026-12-04, before the fix, without reading src/.",
            "sub = shortcomings-found (pos): the report has a real 存在问题 part in the given shape; `span` is a",
            "  sentence of it that must lie inside a part the outline marks `shortcomings`.",
            "sub = opening-reflection (decoy): the report opens with a reflective paragraph (musing on writing the",
            "  report, with words such as 不足/差距/遗憾); `span` is that paragraph and must NOT lie in a `shortcomings` part.",
            "sub = shulian-without-lian (pos): titled 述职述廉, no 廉 content; S301 must name 廉, whatever the other parts",
            "  (shape full / no-shortcomings / no-plans / no-parts). shulian-with-lian (decoy): same shapes with 廉 content;",
            "  S301 must not name 廉.",
            "Built by _build_reports.py from hand-written pools; this file is the data of record.",
        ],
        cases,
    )


# ============ class 5: S301 recall ============
def s301():
    cases = []
    for j in range(36):
        dim = "廉" if j % 2 == 0 else "责"
        role, place, opening = ROLES[j % len(ROLES)]
        title = (
            R.choice(["2023年度述职述廉报告", "述责述廉报告", "2023年度述职述责述廉报告", "个人述职述廉述责报告"])
            if True
            else ""
        )
        if dim == "责" and "述责" not in title:
            title = title.replace("述廉", "述责述廉")
        if dim == "廉" and "述廉" not in title:
            title += "（述廉）"
        # positives: the dimension is present in plain words; the other dimension of the title present with lexicon words
        other_dim = "责" if dim == "廉" else "廉"
        other = (
            RESP_LEX[1] if other_dim == "责" else R.choice(INTEGRITY_LEX[:2])
        )  # no 廉 words in the 责 paragraph, no 责 words in the 廉 one
        plain = pick(INTEGRITY_PLAIN if dim == "廉" else RESP_PLAIN, 2)
        heads = {"廉": "三、管好自己，管好身边人", "责": "三、把该担的担起来"}
        text = "\n".join(
            [
                title,
                opening + "现将有关情况报告如下。",
                "一、加强学习",
                *pick(STUDY, 1),
                "二、履职尽责",
                *pick(WORK, 2),
                heads[dim],
                *plain,
                "四、其他方面",
                other,
                "五、存在的问题",
                R.choice(SHORT_CONCRETE),
                "六、今后打算",
                R.choice(PLANS),
                R.choice(CLOSING),
            ]
        )
        cases.append(
            {"id": f"s301-p{j + 1:02d}", "label": "pos", "dimension": dim, "expected": "present", "text": text}
        )
    for j in range(36):
        dim = "廉" if j % 2 == 0 else "责"
        role, place, opening = ROLES[(j + 4) % len(ROLES)]
        title = R.choice(["2023年度述职述廉报告", "述责述廉报告", "2023年度述职述责述廉报告", "个人述职述廉述责报告"])
        # correction made after the first run (a labelling error, not a response to the results): a decoy
        # that must be reported as missing 责 has to have a title that promises 责.
        if dim == "责" and "述责" not in title:
            title = title.replace("述廉", "述责述廉")
        other_dim = "责" if dim == "廉" else "廉"
        other = (
            RESP_LEX[1] if other_dim == "责" else R.choice(INTEGRITY_LEX[:2])
        )  # no 廉 words in the 责 paragraph, no 责 words in the 廉 one
        work = pick(WORK, 4)
        text = "\n".join(
            [
                title,
                opening + "现将有关情况报告如下。",
                "一、加强学习",
                *pick(STUDY, 1),
                "二、履职尽责",
                *work[:2],
                "三、攻坚克难",
                *work[2:],
                "四、其他方面",
                other,
                "五、存在的问题",
                R.choice(SHORT_CONCRETE),
                "六、今后打算",
                R.choice(PLANS),
                R.choice(CLOSING),
            ]
        )
        cases.append(
            {"id": f"s301-d{j + 1:02d}", "label": "decoy", "dimension": dim, "expected": "missing", "text": text}
        )
    emit(
        OUT + "s301_recall.toml",
        [
            "Held-out set, class 5 of issue #13: S301 recall on plain-word 廉 and 责 paragraphs. Written 2026-12-04,",
            "before the fix, without reading src/. Titles name both 述责 and 述廉 (or the one tested).",
            "label pos (expected present): the `dimension` is written in plain words with no usual lexicon cue",
            "  (亲戚找我办事…没有开过口子; 大额资金…拿到班子会上一起定); S301 must NOT report it missing.",
            "label decoy (expected missing): the report has no paragraph on `dimension` at all (the other dimension",
            "  is present with ordinary words); S301 must report `dimension` missing.",
            "Built by _build_reports.py from hand-written pools; this file is the data of record.",
        ],
        cases,
    )


# ============ class 6: terms, year from the body ============
STALE = [  # (year of the body, stale sentence, expected code, what is stale)
    (2023, "本人认真学习贯彻党的十九大精神，坚决落实县委各项决策部署。", "T501", "十九大 as the current task in 2023"),
    (2024, "全年组织班子成员集中学习党的十九大精神6次。", "T501", "十九大 in 2024"),
    (2023, "深入学习贯彻党的十九届六中全会精神，推动党史学习成果转化。", "T501", "十九届六中全会 in 2023"),
    (
        2024,
        "村里新型农村合作医疗参合率达到100%，群众看病负担明显减轻。",
        "T5xx",
        "新农合, merged into 城乡居民医保 by 2019",
    ),
    (2023, "协调落实新型农村合作医疗政策，参合农民住院报销比例提高到75%。", "T5xx", "新农合 in 2023"),
    (2024, "做好新型农村社会养老保险扩面工作，参保率达到96%。", "T5xx", "新农保, merged in 2014"),
    (2023, "严格遵守《中国共产党党员领导干部廉洁从政若干准则》。", "T502", "2010 准则, replaced in 2016"),
    (
        2025,
        "认真学习2018年修订的《中国共产党纪律处分条例》，做到知纪明纪。",
        "T502",
        "the 2018 version in 2025 (revised 2023)",
    ),
    (2023, "扎实开展“不忘初心、牢记使命”主题教育，检视问题12条。", "T5xx", "2019 主题教育 as this year's"),
    (2023, "认真开展“两学一做”学习教育，全年讲党课4次。", "T5xx", "两学一做 (2016) as this year's"),
    (2023, "坚决打赢脱贫攻坚战，确保全村贫困人口如期脱贫。", "T5xx", "脱贫攻坚 as a current goal after 2020"),
    (2024, "配合县地税局完成税收征管任务，入库税款860万元。", "T5xx", "地税局, merged in 2018"),
    (2023, "确保“十三五”规划各项目标任务圆满完成。", "T5xx", "十三五 as current in 2023"),
    (2023, "会同县工商局、县质监局开展联合执法检查8次。", "T5xx", "工商局/质监局, merged in 2019"),
    (2024, "认真学习贯彻党的十九届五中全会精神，谋划好本部门“十四五”工作。", "T501", "十九届五中全会 in 2024"),
]
GOOD = [  # (year, correct or historical sentence, why)
    (2023, "本人认真学习贯彻党的二十大精神，坚决落实县委各项决策部署。", "二十大 in 2023"),
    (2024, "党的十九大以来，全县经济总量翻了一番。本人认真学习贯彻党的二十届三中全会精神。", "十九大以来 is history"),
    (
        2023,
        "城乡居民基本医疗保险参保率达到97%，2016年新型农村合作医疗并入城乡居民医保后，群众报销更方便了。",
        "historical mention of 新农合",
    ),
    (2024, "城乡居民基本医疗保险参保率达到98%，群众看病负担明显减轻。", "current term"),
    (2023, "严格遵守《中国共产党廉洁自律准则》。", "current rule"),
    (2025, "认真学习2023年修订的《中国共产党纪律处分条例》，做到知纪明纪。", "current version"),
    (2023, "扎实开展学习贯彻习近平新时代中国特色社会主义思想主题教育，检视问题12条。", "2023 主题教育"),
    (2023, "巩固拓展脱贫攻坚成果同乡村振兴有效衔接，全村未发生规模性返贫。", "current phrase"),
    (2024, "配合县税务局完成税收征管任务，入库税款860万元。", "current name"),
    (2023, "确保“十四五”规划中期目标任务顺利完成。", "十四五 in 2023"),
    (2023, "会同县市场监督管理局开展联合执法检查8次。", "current name"),
]
OLD_OK = [  # bodies dated to an earlier year, where the term was right
    (2018, "本人认真学习贯彻党的十九大精神，坚决落实县委各项决策部署。", "十九大 in 2018"),
    (2015, "村里新型农村合作医疗参合率达到100%，群众看病负担明显减轻。", "新农合 in 2015"),
    (2016, "认真开展“两学一做”学习教育，全年讲党课4次。", "两学一做 in 2016"),
    (2019, "扎实开展“不忘初心、牢记使命”主题教育，检视问题12条。", "2019 主题教育"),
    (2020, "坚决打赢脱贫攻坚战，确保全村贫困人口如期脱贫。", "脱贫攻坚 in 2020"),
    (2017, "配合县地税局完成税收征管任务，入库税款860万元。", "地税局 in 2017"),
]


def dated_body(year, j):
    m1, m2 = 3 + j % 5, 8 + j % 4
    return [
        f"{year}年{m1}月，我牵头召开重点项目建设推进会，落实年度重点项目12个。",
        f"{year}年{m2}月，主持完成了镇卫生院迁建项目的选址和立项。",
    ]


def terms():
    cases = []
    titles = ["述职报告", "个人述职述廉报告", "述职述责述廉报告", "履职情况报告（述职）"]
    for j in range(32):
        y, s, code, why = STALE[j % len(STALE)]
        role, place, opening = ROLES[[0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11][j % 11]]
        body = dated_body(y, j)
        text = "\n".join(
            [
                R.choice(titles),
                "一年来，" + opening.split("。")[0].split("，", 1)[-1] + "。现将履职情况报告如下。",
                "一、加强学习",
                s,
                "二、履职尽责",
                body[0] + R.choice(WORK),
                body[1],
                "三、存在的问题",
                R.choice(SHORT_CONCRETE),
                "四、今后打算",
                R.choice(PLANS),
                R.choice(CLOSING),
            ]
        )
        cases.append({"id": f"terms-p{j + 1:02d}", "label": "pos", "year": y, "code": code, "stale": why, "text": text})
    allgood = GOOD + OLD_OK
    for j in range(34):
        y, s, why = allgood[j % len(allgood)]
        role, place, opening = ROLES[[0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11][(j + 2) % 11]]
        body = dated_body(y, j + 1)
        text = "\n".join(
            [
                R.choice(titles),
                "一年来，" + opening.split("。")[0].split("，", 1)[-1] + "。现将履职情况报告如下。",
                "一、加强学习",
                s,
                "二、履职尽责",
                body[0] + R.choice(WORK),
                body[1],
                "三、存在的问题",
                R.choice(SHORT_CONCRETE),
                "四、今后打算",
                R.choice(PLANS),
                R.choice(CLOSING),
            ]
        )
        cases.append({"id": f"terms-d{j + 1:02d}", "label": "decoy", "year": y, "why": why, "text": text})
    emit(
        OUT + "terms_body_year.toml",
        [
            "Held-out set, class 6 of issue #13: terms (T rules) when the title has no year and the body dates the report.",
            "Written 2026-12-04, before the fix, without reading src/. Titles carry no year; the opening names none;",
            "body paragraphs say “{year}年{month}月，…”. `year` is the year the body dates the report to.",
            "pos: a term stale for that year (`code` = the expected code; T5xx = any T rule, the term lexicon may need",
            "  extending, e.g. 新型农村合作医疗); decoy: the term is right for that year, or a historical mention",
            "  (党的十九大以来, 2016年新农合并入…), or the body dates the report to an earlier year where it was right.",
            "Built by _build_reports.py from hand-written pools; this file is the data of record.",
        ],
        cases,
    )


# ============ class 7: F402 scope ============
OPEN_STOCK = [
    "一年来，我时常提醒自己，理论学习不够经常、开拓创新不够主动这些老毛病一定要改。",
    "一年来，我把克服深入基层调研不够、工作作风不够扎实的问题作为自己的一项功课。",
    "去年述职时大家给我提的意见是理论学习不够深入、服务群众意识不强，这一年我对照着一条一条改。",
    "一年来，我始终警惕统筹协调能力不足、抓落实力度不够的问题，努力在实践中提高。",
]
CLOSE_STOCK = [
    "总之，在新的一年里，我将努力克服理论学习不够经常、开拓创新不够主动等问题，以更加饱满的热情投入工作。以上报告，请予评议。",
    "今后，我将着力解决深入基层调研不够、工作作风不够扎实的问题，不辜负组织的信任。不妥之处，请批评指正。",
    "我将以这次述职为新的起点，克服服务群众意识不强、统筹协调能力不足等问题，努力把工作做得更好。特此报告。",
]


def f402():
    cases = []
    for j in range(32):
        role, place, opening = ROLES[j % len(ROLES)]
        title = R.choice(YEARS_TITLES)
        g = pick(SHORT_GENERIC, 2 + j % 2)
        shape = ["heading", "paragraph", "heading-lead"][j % 3]
        head = [
            title,
            opening + "现将履职情况报告如下。",
            "一、加强学习",
            *pick(STUDY, 1),
            "二、履职尽责",
            *pick(WORK, 2),
        ]
        if shape == "heading":
            t = head + [
                "三、存在的问题",
                "一是" + g[0] + "二是" + g[1] + ("三是" + g[2] if len(g) > 2 else ""),
                "四、今后打算",
                R.choice(PLANS),
                R.choice(CLOSING),
            ]
        elif shape == "paragraph":
            t = head + [
                "回顾一年来的工作，虽然取得了一定成绩，但离组织要求和群众期望还有差距，主要是" + "".join(g),
                "今后，" + R.choice(PLANS).split("，", 1)[1],
                R.choice(CLOSING),
            ]
        else:
            t = head + [
                "三、存在的不足",
                "对照上级要求和群众期盼，我自身还存在一些不足。",
                *g,
                "四、今后打算",
                R.choice(PLANS),
                R.choice(CLOSING),
            ]
        cases.append(
            {"id": f"f402-p{j + 1:02d}", "label": "pos", "where": "shortcomings-" + shape, "text": "\n".join(t)}
        )
    for j in range(32):
        role, place, opening = ROLES[(j + 6) % len(ROLES)]
        title = R.choice(YEARS_TITLES)
        where = ["opening", "closing", "both"][j % 3]
        t = [title, opening + "现将履职情况报告如下。"]
        if where in ("opening", "both"):
            t.insert(1, R.choice(OPEN_STOCK))
        t += [
            "一、加强学习",
            *pick(STUDY, 1),
            "二、履职尽责",
            *pick(WORK, 2),
            "三、存在的问题",
            *["一是" + x if i == 0 else "二是" + x for i, x in enumerate(pick(SHORT_CONCRETE, 2))],
            "四、今后打算",
            R.choice(PLANS),
        ]
        t.append(R.choice(CLOSE_STOCK) if where in ("closing", "both") else R.choice(CLOSING))
        cases.append({"id": f"f402-d{j + 1:02d}", "label": "decoy", "where": where, "text": "\n".join(t)})
    emit(
        OUT + "f402_scope.toml",
        [
            "Held-out set, class 7 of issue #13: F402 scope. Written 2026-12-04, before the fix, without reading src/.",
            "pos: the shortcomings part (headed, a wrap-up paragraph, or headed with a lead sentence) holds only stock",
            "  self-criticism (理论学习不够经常, 开拓创新意识不够强 …) with no object, cause or number: F402 expected.",
            "decoy: the shortcomings part is concrete (numbers, causes); the same stock phrases appear only in the",
            "  opening, the closing or both (`where`): F402 must not fire.",
            "Built by _build_reports.py from hand-written pools; this file is the data of record.",
        ],
        cases,
    )


OUT = sys.argv[1] if len(sys.argv) > 1 else "./"
kinds()
parts()
s301()
terms()
f402()
