"""Places of Liaoning a query may name: its cities, counties and districts (editorial, from its administrative divisions)."""

import re
from dataclasses import dataclass

# The cities, and their English names.
CITIES = {
    "沈阳": "Shenyang", "大连": "Dalian", "鞍山": "Anshan", "抚顺": "Fushun", "本溪": "Benxi", "丹东": "Dandong",
    "锦州": "Jinzhou", "营口": "Yingkou", "阜新": "Fuxin", "辽阳": "Liaoyang", "盘锦": "Panjin", "铁岭": "Tieling",
    "朝阳": "Chaoyang", "葫芦岛": "Huludao",
}  # fmt: skip

# The counties and county-level cities (not the cities' districts): full name, city, English name, and the short
# forms people write, guarded against the words and names that hold them (沿海城市, 公开原则, 王建平, 新民路); none where
# the short form is a city's, another province's place or a word (抚顺县, 辽阳县, 铁岭县, 朝阳县, 黑山县, 盘山县, 灯塔市;
# Yi, Kaiyuan, Qingyuan, Changhai, Fengcheng, Xinmin, Tai'an alone).
COUNTIES = {
    "新民市": ("沈阳", "Xinmin City", ["(?<![创更最])新民(?![主营生法居宿用事路街])"]),
    "康平县": ("沈阳", "Kangping County", ["(?<![健安])康平(?!台)", "kangping"]),
    "法库县": ("沈阳", "Faku County", ["(?<![算方语立司执])法库", "faku"]),
    "瓦房店市": ("大连", "Wafangdian City", ["瓦房店", "wafangdian"]),
    "庄河市": ("大连", "Zhuanghe City", ["庄河", "zhuanghe"]),
    "长海县": ("大连", "Changhai County", ["(?<![延擅成增专])长海(?!医院)"]),
    "海城市": ("鞍山", "Haicheng City", ["(?<![上沿滨临珠北])海城", "haicheng"]),
    "台安县": ("鞍山", "Tai'an County", ["(?<![平一后舞])台安(?![全装排检])", "tai['’]?an county"]),
    "岫岩满族自治县": ("鞍山", "Xiuyan Manchu Autonomous County", ["岫岩(?:县)?", "xiuyan"]),
    "抚顺县": ("抚顺", "Fushun County", []),
    "新宾满族自治县": ("抚顺", "Xinbin Manchu Autonomous County", ["新宾(?!馆)(?:县)?", "xinbin"]),
    "清原满族自治县": ("抚顺", "Qingyuan Manchu Autonomous County", ["(?<![查弄说理厘澄])清原(?:县)?"]),
    "本溪满族自治县": ("本溪", "Benxi Manchu Autonomous County", ["本溪县", "benxi county"]),
    "桓仁满族自治县": ("本溪", "Huanren Manchu Autonomous County", ["桓仁(?:县)?", "huanren"]),
    "东港市": ("丹东", "Donggang City", ["(?<![山华广])东港", "donggang"]),
    "凤城市": ("丹东", "Fengcheng City", ["凤城"]),
    "宽甸满族自治县": ("丹东", "Kuandian Manchu Autonomous County", ["宽甸(?:县)?", "kuandian"]),
    "凌海市": ("锦州", "Linghai City", ["凌海", "linghai"]),
    "北镇市": ("锦州", "Beizhen City", ["(?<![河城])北镇", "beizhen"]),
    "黑山县": ("锦州", "Heishan County", []),
    "义县": ("锦州", "Yi County", ["(?<![正主])义县"]),
    "盖州市": ("营口", "Gaizhou City", ["盖州", "gaizhou"]),
    "大石桥市": ("营口", "Dashiqiao City", ["大石桥", "dashiqiao"]),
    "阜新蒙古族自治县": ("阜新", "Fuxin Mongol Autonomous County", ["阜新县", "fuxin county"]),
    "彰武县": ("阜新", "Zhangwu County", ["彰武", "zhangwu"]),
    "灯塔市": ("辽阳", "Dengta City", ["dengta"]),
    "辽阳县": ("辽阳", "Liaoyang County", []),
    "盘山县": ("盘锦", "Panshan County", []),
    "调兵山市": ("铁岭", "Diaobingshan City", ["调兵山", "diaobingshan"]),
    "开原市": ("铁岭", "Kaiyuan City", ["(?<![公展打])开原"]),
    "铁岭县": ("铁岭", "Tieling County", []),
    "西丰县": ("铁岭", "Xifeng County", ["西丰", "xifeng"]),
    "昌图县": ("铁岭", "Changtu County", ["昌图", "changtu"]),
    "北票市": ("朝阳", "Beipiao City", ["北票", "beipiao"]),
    "凌源市": ("朝阳", "Lingyuan City", ["凌源", "lingyuan"]),
    "朝阳县": ("朝阳", "Chaoyang County", []),
    "建平县": ("朝阳", "Jianping County", ["(?<![搭创构组共重修筹自新王李张刘陈杨赵黄周吴])建平(?![台衡房])", "jianping"]),
    "喀喇沁左翼蒙古族自治县": ("朝阳", "Harqin Left Wing Mongol Autonomous County", ["喀左(?:县)?", "喀喇沁左翼"]),
    "兴城市": ("葫芦岛", "Xingcheng City", ["(?<![振新复绍嘉宜])兴城", "xingcheng"]),
    "绥中县": ("葫芦岛", "Suizhong County", ["绥中", "suizhong"]),
    "建昌县": ("葫芦岛", "Jianchang County", ["(?<![王李张刘陈杨赵黄周吴])建昌", "jianchang"]),
}


# The cities' districts: city, full name, English name, and short forms (none where the short form is a word or another
# place: 和平, 中山, 太平, 振兴 …). 铁西区 is both Shenyang's and Anshan's: named with its city only.
DISTRICTS = [
    ("沈阳", "和平区", "Heping District", []), ("沈阳", "沈河区", "Shenhe District", []),
    ("沈阳", "大东区", "Dadong District", []), ("沈阳", "皇姑区", "Huanggu District", ["皇姑"]),
    ("沈阳", "铁西区", "Tiexi District", []), ("沈阳", "苏家屯区", "Sujiatun District", ["苏家屯"]),
    ("沈阳", "浑南区", "Hunnan District", ["浑南", r"\bhunnan\b"]), ("沈阳", "沈北新区", "Shenbei New District", ["沈北"]),
    ("沈阳", "于洪区", "Yuhong District", ["于洪"]), ("沈阳", "辽中区", "Liaozhong District", ["辽中"]),
    ("大连", "中山区", "Zhongshan District", []), ("大连", "西岗区", "Xigang District", []),
    ("大连", "沙河口区", "Shahekou District", ["沙河口"]), ("大连", "甘井子区", "Ganjingzi District", ["甘井子"]),
    ("大连", "旅顺口区", "Lüshunkou District", ["旅顺", r"\blushunkou\b"]), ("大连", "金州区", "Jinzhou District", []),
    ("大连", "普兰店区", "Pulandian District", ["普兰店"]), ("鞍山", "铁东区", "Tiedong District", []),
    ("鞍山", "铁西区", "Tiexi District", []), ("鞍山", "立山区", "Lishan District", []),
    ("鞍山", "千山区", "Qianshan District", []), ("抚顺", "新抚区", "Xinfu District", []),
    ("抚顺", "东洲区", "Dongzhou District", []), ("抚顺", "望花区", "Wanghua District", []),
    ("抚顺", "顺城区", "Shuncheng District", []), ("本溪", "平山区", "Pingshan District", []),
    ("本溪", "溪湖区", "Xihu District", []), ("本溪", "明山区", "Mingshan District", []),
    ("本溪", "南芬区", "Nanfen District", []), ("丹东", "元宝区", "Yuanbao District", []),
    ("丹东", "振兴区", "Zhenxing District", []), ("丹东", "振安区", "Zhen'an District", []),
    ("锦州", "古塔区", "Guta District", []), ("锦州", "凌河区", "Linghe District", []),
    ("锦州", "太和区", "Taihe District", []), ("营口", "站前区", "Zhanqian District", []),
    ("营口", "西市区", "Xishi District", []), ("营口", "鲅鱼圈区", "Bayuquan District", ["鲅鱼圈"]),
    ("营口", "老边区", "Laobian District", []), ("阜新", "海州区", "Haizhou District", []),
    ("阜新", "新邱区", "Xinqiu District", []), ("阜新", "太平区", "Taiping District", []),
    ("阜新", "清河门区", "Qinghemen District", []), ("阜新", "细河区", "Xihe District", []),
    ("辽阳", "白塔区", "Baita District", []), ("辽阳", "文圣区", "Wensheng District", []),
    ("辽阳", "宏伟区", "Hongwei District", []), ("辽阳", "弓长岭区", "Gongchangling District", ["弓长岭"]),
    ("辽阳", "太子河区", "Taizihe District", []), ("盘锦", "双台子区", "Shuangtaizi District", []),
    ("盘锦", "兴隆台区", "Xinglongtai District", []), ("盘锦", "大洼区", "Dawa District", ["大洼"]),
    ("铁岭", "银州区", "Yinzhou District", []), ("铁岭", "清河区", "Qinghe District", []),
    ("朝阳", "双塔区", "Shuangta District", []), ("朝阳", "龙城区", "Longcheng District", []),
    ("葫芦岛", "连山区", "Lianshan District", []), ("葫芦岛", "龙港区", "Longgang District", []),
    ("葫芦岛", "南票区", "Nanpiao District", []),
]  # fmt: skip
DISTRICT_EN = {name: english for _, name, english, _ in DISTRICTS}
HOMES = {name: [city for city, other, _, _ in DISTRICTS if other == name] for _, name, _, _ in DISTRICTS}  # 铁西区: two


# Districts whose names other places share (天津和平区, 连云港海州区, 四平铁西区, 江西市区, Hangzhou's Xihu): named with
# their city only.
SHARED = {"和平区", "铁西区", "铁东区", "中山区", "海州区", "太平区", "清河区", "西市区", "站前区", "白塔区", "双塔区",
          "龙城区", "连山区", "龙港区", "振兴区", "平山区", "太和区", "溪湖区", "明山区", "立山区"}  # fmt: skip


def _alternation(names: list[tuple[str, list[str]]]) -> tuple[list[tuple[str, str]], re.Pattern[str]]:
    """Each place's patterns with its name, longer patterns first, and one regex of them all (group n: pattern n)."""
    forms = sorted(((form, name) for name, patterns in names for form in patterns), key=lambda p: -len(p[0]))
    return forms, re.compile("|".join(f"(?P<p{n}>{form})" for n, (form, _) in enumerate(forms)))


# ASCII patterns match whole words, not before "district".
def _county_forms(name: str, short: list[str], english: str) -> list[str]:
    """A county's patterns: its full name (unless a guarded short form holds it: 海城 holds 海城市), short forms and English."""
    full = [] if any(re.match(form, name) for form in short) else [re.escape(name)]
    return [rf"\b{form}\b(?! district)" if form.isascii() else form for form in [*full, *short, re.escape(english.lower())]]


# Each district's full name (not before 域), short forms and English; 铁西区 once for its two cities.
DISTRICT_FORMS, DISTRICT = _alternation(
    list(
        {
            name: [re.escape(name) + "(?!域)", *short, rf"\b{re.escape(english.lower())}\b"]
            for _, name, english, short in DISTRICTS
        }.items()
    )
)
COUNTY_FORMS, COUNTY = _alternation([(name, _county_forms(name, short, en)) for name, (_, en, short) in COUNTIES.items()])
CITY = re.compile(
    "|".join(
        [*(name for name in CITIES if name != "朝阳"), "朝阳市", *(rf"\b{en.lower()}\b(?! district)" for en in CITIES.values())]
    )
)  # 朝阳 alone is mostly a word (朝阳产业) or Beijing's district; Jinzhou district is Dalian's
CITY_BY_NAME = {name: name for name in CITIES} | {"朝阳市": "朝阳"} | {en.lower(): name for name, en in CITIES.items()}


@dataclass(frozen=True)
class Place:
    """The city of Liaoning a query names, and the county or the city's district in it, if it names one."""

    city: str
    county: str | None = None
    district: bool = False  # the county is a district of the city (浑南区), named with it: 沈阳市浑南区


def place_of(text: str) -> Place | None:
    """The place of Liaoning a query names: its first county or district (a shared one only with its city), else the city."""
    city = CITY.search(text)
    named = CITY_BY_NAME[city.group()] if city else None
    found = [(m.start(), COUNTIES[name][0], name, False) for m in COUNTY.finditer(text) for name in [_named(m, COUNTY_FORMS)]]
    found += [
        (m.start(), home, name, True)
        for m in DISTRICT.finditer(text)
        for name in [_named(m, DISTRICT_FORMS)]
        for home in HOMES[name]
    ]
    for _, home, name, district in sorted(found):
        if named == home or name not in SHARED:
            return Place(home, name, district)
    return Place(named) if named else None


def _named(found: re.Match[str], forms: list[tuple[str, str]]) -> str:
    """The place a match of one of the regexes above names."""
    return forms[int(str(found.lastgroup)[1:])][1]
