"""Demo pool data: the fixed word lists, weights and city layout the demo generator draws from.

Everything here is invented for the demo (names are built from common characters and
syllables); nothing describes a real person or unit. Weights are relative, not percentages.
"""

from __future__ import annotations

import datetime as dt

#: The date the demo pool describes ("as of"): ages, recent events and licences are relative to it.
AS_OF = dt.date(2026, 11, 1)

CITY_CODE = "370600"
CITY_NAME = "示范市"

#: (code, name, streets, communities). 2,000 communities in all; 芝罘区 alone is the demo default.
DISTRICTS: tuple[tuple[str, str, int, int], ...] = (
    ("370602", "芝罘区", 12, 150),
    ("370611", "福山区", 10, 130),
    ("370612", "牟平区", 10, 120),
    ("370613", "莱山区", 8, 130),
    ("370614", "蓬莱区", 12, 170),
    ("370681", "龙口市", 14, 240),
    ("370682", "莱阳市", 17, 230),
    ("370683", "莱州市", 17, 270),
    ("370685", "招远市", 14, 200),
    ("370686", "栖霞市", 15, 160),
    ("370687", "海阳市", 14, 200),
)
FULL_COMMUNITIES = sum(d[3] for d in DISTRICTS)

#: The names the pool file's comments use for the first street and community.
FIRST_STREET = "向阳"
FIRST_COMMUNITY = "海港路社区"

PLACE_A = "东西南北中海山凤龙金银青白黄红福寿安康兴盛清泉松柳桃杏梨枣朝新古大上前长永太平和顺丰乐文明光华宁泰德庆"
PLACE_B = "山河阳安海城泉港湾岭庄桥店口园林峰台坡沟屯湖崖岛家营渠亭苑"
COMMUNITY_SUFFIX = ("路", "街", "里", "苑", "园", "花园", "新村", "小区")
ROAD_SUFFIX = ("路", "路", "路", "街", "大街", "巷")
GRID_NUMERALS = "一二三四五六七八九十"

# -- people ---------------------------------------------------------------------------------

#: Surnames weighted roughly like Shandong's Jiaodong peninsula (于 姜 曲 衣 鞠 are typical there).
SURNAMES: tuple[tuple[str, float], ...] = (
    ("王", 95), ("张", 78), ("李", 76), ("刘", 60), ("孙", 35), ("于", 30), ("陈", 28),
    ("杨", 26), ("赵", 25), ("姜", 22), ("徐", 20), ("高", 19), ("马", 18), ("宋", 16),
    ("郭", 15), ("曲", 14), ("林", 14), ("周", 13), ("吕", 12), ("杜", 11), ("吴", 11),
    ("唐", 10), ("梁", 10), ("董", 10), ("韩", 10), ("邹", 9), ("丛", 8), ("郝", 8),
    ("任", 8), ("曹", 8), ("袁", 7), ("许", 7), ("胡", 7), ("朱", 7), ("崔", 7), ("孔", 6),
    ("薛", 6), ("肖", 6), ("衣", 6), ("黄", 6), ("柳", 5), ("邵", 5), ("鞠", 5), ("谭", 5),
    ("秦", 5), ("田", 5), ("范", 5), ("程", 5), ("何", 5), ("罗", 4), ("蔡", 4), ("潘", 4),
    ("贾", 4), ("冯", 4), ("史", 4), ("邢", 4), ("葛", 4), ("牟", 4), ("战", 3), ("隋", 3),
    ("慕", 3), ("纪", 3), ("初", 3), ("修", 3), ("孟", 3), ("侯", 3), ("付", 3), ("沈", 3),
    ("彭", 2), ("阎", 2), ("夏", 2), ("邓", 2), ("蒋", 2), ("殷", 2), ("盛", 2), ("滕", 2),
    ("欧阳", 0.3), ("司马", 0.1),
)

#: Characters of given names by sex and birth era (before 1960, 1960s-70s, 1980s-90s, 2000 on).
GIVEN_MALE: tuple[str, ...] = (
    "福贵德祥明兴荣发财富海山树林春永庆忠国华文志士金玉宝生昌顺成义保根来有和",
    "建国军伟强勇平刚东红卫华明新志斌峰宏涛波林辉杰亮民利立正胜春光",
    "磊伟鹏超浩杰涛洋帅鑫宇飞斌亮凯龙阳健俊旭博晨宁哲振昊",
    "子梓浩宇轩睿博一泽皓铭辰俊宸奕诚骏逸瑞嘉晨煜言沐锦",
)
GIVEN_FEMALE: tuple[str, ...] = (
    "秀英兰桂珍芳凤玉淑华翠琴素香梅荣云贞爱莲金花",
    "丽红霞燕萍艳芳敏静玲娟梅华英琴慧春霞莉晓",
    "静婷丽娜敏雪倩丹琳颖洁佳慧晶璐悦蕾莹晓蒙",
    "涵萱欣怡诗雨梓可馨彤琪语若佳思一诺妍依沫",
)
ERA_YEARS = (1960, 1980, 2000)  # era 0 born before 1960, 1 before 1980, 2 before 2000, 3 after

#: Age pyramid: relative weight of each five-year band, 0-4 … 100-104 (≈ 22 % aged 60+).
AGE_BANDS: tuple[float, ...] = (
    38, 50, 52, 47, 45, 55, 80, 73, 65, 78, 88, 84,  # 0 … 59
    64, 58, 45, 26, 16, 9, 3.4, 0.9,  # 60 … 99
)
CENTENARIANS: tuple[float, ...] = (0.05, 0.03, 0.02, 0.013, 0.007)  # ages 100 … 104
AGE_BUCKETS = 100_000  # resolution of the age lookup


def age_weights() -> list[float]:
    """Relative weight of every single year of age, 0 … 104."""
    out = [w / 5 for w in AGE_BANDS for _ in range(5)]
    return out + list(CENTENARIANS)


def male_share(age: int) -> float:
    """Share of men among residents of one age (more women among the very old)."""
    for limit, share in ((20, 0.53), (60, 0.51), (70, 0.49), (80, 0.47), (90, 0.42), (100, 0.35)):
        if age < limit:
            return share
    return 0.25


ETHNICITIES: tuple[tuple[str, float], ...] = (
    ("汉族", 992), ("回族", 4), ("满族", 2), ("朝鲜族", 1), ("蒙古族", 1),
)

#: (province, ID region code or 0 = the resident's own district, weight per mille).
HUKOU: tuple[tuple[str, int, float], ...] = (
    ("山东", 0, 820),
    ("山东", 370102, 18), ("山东", 370202, 20), ("山东", 370702, 20), ("山东", 371002, 14),
    ("山东", 370302, 10), ("山东", 371302, 10), ("山东", 370802, 8),
    ("黑龙江", 230102, 15), ("辽宁", 210202, 10), ("吉林", 220102, 8), ("河北", 130102, 7),
    ("河南", 410102, 9), ("江苏", 320102, 4), ("安徽", 340102, 6), ("陕西", 610113, 6),
    ("山西", 140105, 4), ("内蒙古", 150102, 3), ("四川", 510104, 4), ("甘肃", 620102, 2),
    ("湖北", 420102, 2),
)

PHONE_PREFIXES: tuple[str, ...] = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152",
    "153", "155", "156", "157", "158", "159", "166", "176", "177", "178", "180", "181", "182",
    "183", "184", "185", "186", "187", "188", "189", "191", "195", "198", "199", "147",
)

DISABILITY_TYPES: tuple[tuple[str, float], ...] = (
    ("physical", 50), ("visual", 12), ("hearing", 11), ("speech", 1), ("intellectual", 8),
    ("mental", 9), ("multiple", 9),
)
DISABILITY_LEVELS: tuple[tuple[int, float], ...] = ((1, 10), (2, 22), (3, 30), (4, 38))
CERT_STATUS: tuple[tuple[str, float], ...] = (("valid", 88), ("expired", 9), ("revoked", 3))

# -- enterprises ---------------------------------------------------------------------------

BRAND = "海晟鑫恒泰华宏盛源达瑞丰金鼎润博诚信通远嘉裕隆昌顺安德利凯正天和永明新中宇航福康"

#: GB/T 4754 section → (its name, weight, words of a company name in that trade).
INDUSTRIES: dict[str, tuple[str, float, tuple[str, ...]]] = {
    "A": ("农、林、牧、渔业", 2, ("农业发展", "果业", "水产养殖", "海洋牧场", "苗木")),
    "C": ("制造业", 12, ("机械制造", "精密机械", "食品", "电子科技", "新材料", "化工", "汽车零部件",
                      "服装", "葡萄酒", "模具", "包装制品")),
    "E": ("建筑业", 7, ("建筑工程", "建设", "装饰工程", "市政工程", "安装工程")),
    "F": ("批发和零售业", 30, ("商贸", "贸易", "超市", "医药连锁", "五金", "水果批发", "建材")),
    "G": ("交通运输、仓储和邮政业", 4, ("物流", "运输", "快递", "港口服务", "仓储")),
    "H": ("住宿和餐饮业", 6, ("餐饮管理", "酒店管理", "海鲜酒家", "饮品")),
    "I": ("信息传输、软件和信息技术服务业", 6, ("信息技术", "网络科技", "软件", "数据科技")),
    "K": ("房地产业", 3, ("房地产开发", "物业管理", "置业")),
    "L": ("租赁和商务服务业", 14, ("企业管理咨询", "人力资源", "广告", "租赁", "会展服务")),
    "M": ("科学研究和技术服务业", 9, ("检测技术", "工程设计", "生物技术", "环境科技")),
    "O": ("居民服务、修理和其他服务业", 5, ("家政服务", "养老服务", "汽车维修", "美容美发")),
    "Q": ("卫生和社会工作", 2, ("医院管理", "健康管理", "口腔门诊")),
}
MEDICAL_WORDS: tuple[str, ...] = ("医疗器械", "医疗科技", "生物医疗", "康复器械", "医用材料")
COMPANY_SUFFIX: tuple[tuple[str, float], ...] = (
    ("有限公司", 85), ("有限责任公司", 10), ("股份有限公司", 5),
)
#: Registered capital in 10k CNY, and how often each round figure is chosen.
CAPITAL: tuple[tuple[int, float], ...] = (
    (3, 6), (10, 18), (30, 10), (50, 18), (100, 20), (200, 9), (300, 6), (500, 7),
    (1000, 4), (2000, 1), (5000, 0.7), (10000, 0.3),
)

# -- elderly care --------------------------------------------------------------------------

#: Facility slots per community: (type, probability the community has one).
FACILITY_SLOTS: tuple[tuple[str, float], ...] = (
    ("day_care", 0.65), ("meal_point", 0.55), ("canteen", 0.25), ("nursing_home", 0.30),
    ("care_home", 0.20), ("nursing_home", 0.08),
)
HOME_NAMES: tuple[str, ...] = ("养老院", "颐养院", "康养中心", "老年公寓", "护理院", "敬老院")

# -- social assistance ---------------------------------------------------------------------

#: The seed's "electronic sentinel" over the whole city (seed 002): warnings by kind.
SENTINEL_FULL = {"marriage": 1214, "death": 873, "migration": 724}
MOVED_TO: tuple[str, ...] = (
    "山东省青岛市", "山东省济南市", "山东省威海市", "山东省潍坊市", "山东省临沂市",
    "陕西省西安市", "黑龙江省哈尔滨市", "辽宁省大连市", "江苏省南京市", "北京市",
    "示范市莱山区", "示范市福山区", "示范市芝罘区",
)


Weights = tuple[tuple[str, float], ...] | tuple[tuple[int, float], ...]


def expand(weights: Weights, size: int = 1000) -> list[int]:
    """Indexes 0..n-1 repeated in proportion to their weights: `size` draws of a weighted pick."""
    total = sum(w for _, w in weights)
    out: list[int] = []
    acc = 0.0
    for i, (_, w) in enumerate(weights):
        acc += w
        upto = round(acc / total * size)
        out.extend([i] * (upto - len(out)))
    return out


# -- small computed tables -------------------------------------------------------------------

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # GB 11643: 2^(17-i) mod 11


def mix64(x: int) -> int:
    """splitmix64's finaliser: a well-spread 64-bit constant from a small integer."""
    x = (x + 0x9E3779B97F4A7C15) % 2**64
    x = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) % 2**64
    x = ((x ^ (x >> 27)) * 0x94D049BB133111EB) % 2**64
    return x ^ (x >> 31)


def region_sum(code: int) -> int:
    """The ID checksum's share of a 6-digit region code."""
    return sum(w * int(c) for w, c in zip(ID_WEIGHTS[:6], f"{code:06d}", strict=True))


def birthday_tables() -> tuple[list[int], list[int]]:
    """For d = 0 … 364 days before the anniversary AS_OF has in a birth year — first for a common
    year, then for a leap year — the birthday as mmdd and the year offset (0 or -1)."""
    if (AS_OF.month, AS_OF.day) < (3, 1):
        raise ValueError("AS_OF must fall after February, so that the year before it holds its year's 29 February")
    mmdd: list[int] = []
    yoff: list[int] = []
    for year in (2025, 2024):  # a common and a leap year, anchored on AS_OF's month and day
        anchor = AS_OF.replace(year=year)
        for d in range(365):
            b = anchor - dt.timedelta(days=d)
            mmdd.append(b.month * 100 + b.day)
            yoff.append(b.year - year)
    return mmdd, yoff
