"""The words the catalog's outputs use, in zh and en: one table for the page, the workbook and the
text summary, so a heading reads the same everywhere."""

from __future__ import annotations

_WORDS: dict[str, tuple[str, str]] = {  # key → (zh, en)
    "title": ("报表目录", "Report catalog"),
    "totals": ("汇总", "Totals"),
    "inventory": ("清单", "Inventory"),
    "repeated": ("重复事项", "Repeated items"),
    "similar": ("疑似重复", "Maybe the same"),
    "prefillable": ("可预填", "Could be pre-filled"),
    "merges": ("合并建议", "Merge candidates"),
    "review": ("评估退出", "Review"),
    "problems": ("问题", "Problems"),
    "overlap": ("报表之间的重叠", "Overlap between templates"),
    "coverage": ("各部门预填比例", "Share pre-filled by owner"),
    "burden": ("各部门年填报量", "Yearly burden by owner"),
    "templates": ("报表数", "Templates"),
    "fields": ("字段数", "Fields"),
    "typed": ("需填写", "Typed"),
    "prefilled": ("已预填", "Pre-filled"),
    "calculated": ("自动计算", "Calculated"),
    "share_prefilled": ("预填比例", "Share pre-filled"),
    "yearly_burden": ("年填报量", "Yearly burden"),
    "units_from": ("填报单位数来源", "Units from"),
    "database": ("数据库", "the database"),
    "one per template": ("每张报表按一个单位计", "one per template"),
    "by_owner": ("按部门", "By owner"),
    "by_level": ("按层级", "By level"),
    "by_period": ("按周期", "By period"),
    "key": ("分组", "Group"),
    "template": ("报表", "Template"),
    "id": ("编号", "Id"),
    "title_col": ("名称", "Title"),
    "file": ("文件", "File"),
    "owner": ("部门", "Owner"),
    "level": ("层级", "Level"),
    "period": ("周期", "Period"),
    "periods_per_year": ("每年期数", "Periods per year"),
    "units": ("填报单位数", "Units"),
    "basis": ("依据", "Basis"),
    "valid_until": ("有效期至", "Valid until"),
    "item": ("事项", "Item"),
    "label": ("名称", "Label"),
    "type": ("类型", "Type"),
    "rules": ("判定依据", "Matched by"),
    "where": ("位置", "Where"),
    "field": ("字段", "Field"),
    "times_per_year": ("每年次数", "Times per year"),
    "count": ("出现次数", "Asked in"),
    "score": ("相似度", "Score"),
    "binding": ("取值表达式", "Binding"),
    "source": ("来源", "Source"),
    "before": ("合并前字段", "Fields before"),
    "after": ("合并后字段", "Fields after"),
    "reduction": ("减少", "Reduction"),
    "min_overlap": ("最小重叠", "Smallest overlap"),
    "reasons": ("原因", "Reasons"),
    "code": ("代码", "Code"),
    "message": ("说明", "Message"),
    "hint": ("建议", "Hint"),
    "line": ("行", "Line"),
    "column": ("列", "Column"),
    "severity": ("级别", "Severity"),
    "none": ("无", "None"),
    "matrix_cap": ("只显示重叠最多的 {n} 张报表（共 {total} 张）。",
                   "Showing the {n} templates with most overlap (of {total})."),
    "matrix_note": ("格中数字为两张报表共有的事项数。", "Each cell counts the items two templates share."),
    "verdict": ("结论", "Verdict"),
    "admit": ("准予备案", "admit"),
    "admit-with-changes": ("修改后备案", "admit with changes"),
    "refuse": ("不予备案", "refuse"),
    "flagged": ("需处理字段", "Flagged fields"),
    "already": ("已在此采集", "Already collected at"),
    "change": ("修改建议", "Change to make"),
    "collected": ("已采集", "collected"),
    "pool": ("库中已有", "in the pool"),
    "overlap_share": ("重复比例", "Overlap"),
    "more": ("另有 {n} 项未列出", "{n} more not shown"),
}


def word(key: str, lang: str = "zh") -> str:
    """The word for ``key`` in ``lang`` (zh unless ``en``); an unknown key is shown as itself."""
    zh, en = _WORDS.get(key, (key, key))
    return en if lang == "en" else zh


def percent(share: float) -> str:
    """0.417 → ``41.7%``: the one way the outputs print a share."""
    return f"{share * 100:.1f}%"
