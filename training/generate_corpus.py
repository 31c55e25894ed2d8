"""Generate the synthetic training corpus in corpora/generated/.

Every document is fictional and assembled from phrase banks written for this generator only
(nothing is taken from the hand-written documents, which hold the test split). Because the
generator knows which sentence it emitted with which label, and for every plan action who owns
it, when it is due and whether the task is concrete, the annotations are exact by construction.

    python3 training/generate_corpus.py                 # 170 documents, seed 2026
    python3 training/generate_corpus.py --seed 7 --out /tmp/gen
    python3 training/build_corpus.py --check corpora/generated

Layout of this file: document builder, people and places, phrase banks (history, child voice,
negatives, filler), themes and plan tasks, timescales, action rendering, assessment templates,
plan templates, ratings, main.

Conventions the generator follows (quality-framework.md, applied by construction):
- family_history: parents' childhoods, earlier involvement and negative checks ("No previous
  involvement is recorded.", "Police checks were negative."), relationship history, bereavement,
  moves, earlier children removed, past abuse / substance / mental health / offending, extended
  family, history told in the present perfect, dated chronology rows. Negatives written on
  purpose: present circumstances, gap statements, bare references ("Given the history, ..."),
  medical / immunisation / browsing history.
- child_voice: the child's words (quoted, reported, relayed by a professional), wishes, worries,
  direct-work tools and drawings, being seen (alone), the worker's own observation of the child
  (for babies and toddlers, observed lived experience). Negatives: "not seen alone" and other
  gaps, professionals' opinions of need, other adults' reports of the child's behaviour. A
  parent's report of what the child feels is "unclear". The child telling the family's past
  carries both labels.
- actions: owner is the named person, role or agency (also "by the HV" after a passive); none for
  an agentless passive, a bare pronoun, "All" / "Everyone" / "Professionals", an empty cell or
  "TBC", or the child who only receives the action. A timescale is a checkable when (date,
  w/c, within N days, frequency, named point, meeting with date, "within 72 hours of his
  return"); "ongoing", "ASAP", "TBC", "as required", "next CGM" etc. go to timescale_vague;
  course lengths, "attending since ..." and service frequencies in the task are decoys, never
  the timescale. specific is false for aims and vague verbs (engage, support, monitor, work on,
  improve, ensure, keep an eye on, ...).
- ratings (computed from what was written, never from the intended quality):
  assessment family_history: 0 none; 1 one to four lines; 2 five or more; 3 eight or more
  spread over at least four kinds of history. assessment child_voice: 0 none; 1 one to four;
  2 five or more; 3 nine or more including being seen alone and at least three of the child's
  own words / direct work (for babies and toddlers, observation suffices).
  plan family_history: 0 / 1 (1-2 lines) / 2 (3-4) / 3 (5+ over three kinds); plan
  child_voice: 0 / 1 (1-2) / 2 (3-4) / 3 (5+ with the child's own words, or observation for
  the under-fives). specific_tasks: share of actions that are specific and have an owner,
  >= .85 -> 3, >= .65 -> 2, >= .3 -> 1, else 0. timescales: share with a checkable timescale,
  >= .85 -> 3, >= .6 -> 2, >= .2 -> 1 (so half the actions without one is weak), else 0.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import string
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "corpora" / "generated"

N_ASSESSMENTS, N_CP, N_CIN = 70, 50, 50
FH, CV = "family_history", "child_voice"


# ---------------------------------------------------------------------------------------------
# Document builder: text is appended piece by piece and every labelled unit or action records
# its own offset, so the annotation is exactly what was written.
# ---------------------------------------------------------------------------------------------

class Unit:
    """One sentence, bullet, table row or block, with what the generator knows about it."""

    __slots__ = ("text", "labels", "unclear", "action", "kind")

    def __init__(self, text, labels=(), unclear=(), action=None, kind=""):
        self.text = text
        self.labels = tuple(labels)
        self.unclear = tuple(unclear)
        self.action = action  # dict(owner, timescale, timescale_vague, specific) or None
        self.kind = kind      # bank kind, used for ratings (e.g. "seen_alone", "quote")


class Builder:
    def __init__(self, transform=None):
        self.parts: list[str] = []
        self.pos = 0
        self.sentences: list[dict] = []
        self.actions: list[dict] = []
        self.units: list[Unit] = []
        self.transform = transform

    # -- low level ------------------------------------------------------------------------
    def _raw(self, s: str) -> None:
        self.parts.append(s)
        self.pos += len(s)

    def _unit(self, u: Unit) -> None:
        if self.transform is not None:
            self.transform(u)
        start = self.pos
        self._raw(u.text)
        self.units.append(u)
        if u.labels or u.unclear:
            self.sentences.append({"start": start, "quote": u.text, "labels": list(u.labels),
                                   "unclear": list(u.unclear)})
        if u.action is not None:
            a = u.action
            # A row with an empty first cell starts " | ": the action is the row without that space.
            lead = len(u.text) - len(u.text.lstrip())
            self.actions.append({"start": start + lead, "quote": u.text.strip(), "owner": a.get("owner"),
                                 "timescale": a.get("timescale"),
                                 "timescale_vague": a.get("timescale_vague"),
                                 "specific": bool(a["specific"])})

    # -- structure ------------------------------------------------------------------------
    def line(self, s: str = "") -> None:
        self._raw(s + "\n")

    def blank(self) -> None:
        self._raw("\n")

    def heading(self, s: str) -> None:
        self.line(s)

    def para(self, units, prefix: str = "", gap: bool = True) -> None:
        units = [u for u in units if u is not None]
        if not units:
            return
        self._raw(prefix)
        for i, u in enumerate(units):
            if i:
                self._raw(" ")
            self._unit(u)
        self._raw("\n")
        if gap:
            self._raw("\n")

    def items(self, units, marker="- ", gap: bool = True) -> None:
        """marker: a string, or 'num', 'num)', 'alpha)' for numbered markers."""
        units = [u for u in units if u is not None]
        for i, u in enumerate(units):
            if marker == "num":
                m = f"{i + 1}. "
            elif marker == "num)":
                m = f"{i + 1}) "
            elif marker == "alpha)":
                m = f"{string.ascii_lowercase[i % 26]}) "
            else:
                m = marker
            self._raw(m)
            self._unit(u)
            self._raw("\n")
        if gap and units:
            self._raw("\n")

    def rows(self, header: str | None, units, gap: bool = True) -> None:
        if header:
            self.line(header)
        for u in units:
            self._unit(u)
            self._raw("\n")
        if gap:
            self._raw("\n")

    def blocks(self, units) -> None:
        for u in units:
            self._unit(u)
            self._raw("\n\n")

    def text(self) -> str:
        return "".join(self.parts)


def verify(text: str, sentences: list[dict], actions: list[dict]) -> bool:
    """Same search as build_corpus: each quote must be found, in order, where it was written."""
    for items in (sentences, actions):
        cursor = 0
        for it in items:
            pos = text.find(it["quote"], cursor)
            if pos != it["start"]:
                return False
            cursor = pos + len(it["quote"])
    for a in actions:
        for key in ("owner", "timescale", "timescale_vague"):
            v = a[key]
            if v is not None and (not v.strip() or v not in a["quote"]):
                return False
    return True


# ---------------------------------------------------------------------------------------------
# Template filling
# ---------------------------------------------------------------------------------------------

def fill(tpl: str, ctx: dict) -> str | None:
    try:
        return tpl.format_map(ctx)
    except KeyError:
        return None


_ALT = re.compile(r"\(\(([^()]*)\)\)")


def expand(tpl: str, key: str) -> str:
    """Resolve '((a~b~c))' alternatives, stable for a given document key and template."""
    if "((" not in tpl:
        return tpl
    r = random.Random(key + tpl)
    return _ALT.sub(lambda m: r.choice(m.group(1).split("~")), tpl)


def cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def parse_bank(block: str) -> list[tuple[str, str, str]]:
    """Lines 'kind|bands|text'. bands: any of b (0-1), t (2-4), p (5-11), s (12-17), * (all)."""
    out = []
    for raw in block.strip().splitlines():
        raw = raw.strip()
        if not raw or raw.startswith("#"):
            continue
        kind, bands, text = raw.split("|", 2)
        out.append((kind.strip(), bands.strip(), text.strip()))
    return out


def band_of(age: int) -> str:
    if age <= 1:
        return "b"
    if age <= 4:
        return "t"
    if age <= 11:
        return "p"
    return "s"


# ---------------------------------------------------------------------------------------------
# People and places (all invented; names drawn from cultures common in England)
# ---------------------------------------------------------------------------------------------

def _w(s: str) -> list[str]:
    return s.split()


CULTURES = {
    "english": dict(
        f=_w("Jodie Carly Becky Lindsey Toni Abbie Courtney Shelby Kimberley Samantha Vicky "
             "Rachael Sammi-Jo Jolene Kerrie Marianne Shona Jacqui Bryony Rochelle Tegan Kylie "
             "Carla Lyndsey Kacey Roxanne Tiffany-Ann"),
        m=_w("Nathan Ricky Ashley Brett Mitchell Terry Dale Glenn Barrie Clint Jody Warren Duncan "
             "Russell Neville Kurtis Brandon Troy Spencer Keiran Jarrod"),
        cf=_w("Isla Evie Freya Darcie Maisie Scarlett Millie Harper Esme Bonnie Paige Tilly Lexi "
              "Macy Delilah Thea Nancy Ottilie Elodie Romilly Bluebell Peyton Orla-Mae Lyla Hallie "
              "Marnie Wren Ivy-Rae Honey Mabel Primrose"),
        cm=_w("Harley Tommy Freddie Teddy Bobby Frankie Jenson Ronnie Brodie Lennon Louie Albie "
              "Cody Otis Hendrix Jude Arlo Ezra Ralph Bodhi Rocco Ollie-Jay Sonny Kobi Ted Brooklyn "
              "Kenzie"),
        sn=_w("Brierley Cartwright Gibbons Rowley Heslop Dunleavy Pemberton Wragg Stirk Battersby "
              "Sumner Hinchcliffe Mottram Leadbetter Haworth Smalley Gosling Openshaw Threlfall "
              "Brabbins Duckworth Sowerby Entwistle Kershaw Clegg Tattersall Farnworth "
              "Hebblethwaite Moorcroft Aspinall"),
    ),
    "irish": dict(
        f=_w("Roisin Orla Clodagh Grainne Maeve Deirdre Aine Sinead Blathnaid Eimear"),
        m=_w("Padraig Eoin Colm Fergal Donal Cathal Diarmuid Cormac Seamus Lorcan"),
        cf=_w("Saoirse Ciara Eabha Orlaith Cliodhna Riona Meabh"),
        cm=_w("Oisin Cillian Fionn Darragh Tadhg Ronan Odhran Senan Cian"),
        sn=_w("Mulcahy Fitzpatrick Keogh Hegarty Moriarty Cullinane Tierney"),
    ),
    "traveller": dict(
        f=_w("Winnie Philomena Josie Theresa"),
        m=_w("Francie Christy Mickey-Joe Barney"),
        cf=_w("Bridie Shania Tiffany Courtney-Rose"),
        cm=_w("Mikey Christy-John Barney-Lee"),
        sn=_w("McDonagh Joyce Maughan Quilligan Cawley McGinley Mongan"),
    ),
    "welsh_scots": dict(
        f=_w("Ffion Carys Eilidh Morag Catriona Kirstin Nerys Heledd Iona Kirsteen"),
        m=_w("Dafydd Iwan Hamish Euan Gethin Aled Iestyn Calum Alasdair Torquil"),
        cf=_w("Seren Cerys Mali Lowri Elin Heulwen Ailsa"),
        cm=_w("Osian Cai Ruaridh Lachlan Macsen Tomos Gruffydd Finlay"),
        sn=_w("Urquhart Mackintosh Lamont Gwynne Prosser Meiklejohn Cadwallader Strachan Menzies"),
    ),
    "pakistani": dict(
        f=_w("Uzma Farzana Humaira Bushra Asma Nabila Tahira Mehwish Kausar"),
        m=_w("Kashif Naveed Asif Zubair Irfan Waqas Sajid Khurram Mudassar Aamir"),
        cf=_w("Eshal Hafsa Haniya Aleena Iqra Anabia Zoya Manahil Hoorain Alishba"),
        cm=_w("Rayyan Zakariya Rehan Haris Shayan Mikail Daniyal Azlan"),
        sn=_w("Rashid Mahmood Siddiqui Bashir Nawaz Javed Saleem Raja"),
    ),
    "bangladeshi": dict(
        f=_w("Nazmin Salma Jesmin Lovely Rabeya Kulsuma"),
        m=_w("Shofiqul Rezaul Mizanur Kamrul Shahjahan Delwar Moinul"),
        cf=_w("Tasnim Sumaiya Raisa Mahira Tahmina Sanjida Nafisa"),
        cm=_w("Tahmid Arham Mahir Yamin Ishaq Sadman"),
        sn=_w("Chowdhury Islam Hoque Ali-Khan Sarkar Talukdar"),
    ),
    "indian": dict(
        f=_w("Kiran Jaspreet Neelam Rupinder Anjali Kamaljit Pavandeep Daljit"),
        m=_w("Gurpreet Amarjit Manish Balvinder Nikhil Jaswinder Pardeep Hardeep Ketan"),
        cf=_w("Simran Anika Jasleen Ishani Diya Navleen Riya Gurleen Prisha Avneet"),
        cm=_w("Harvir Jasraj Veer Aarav Rohan Sukhman Jaskaran Reyansh Fateh"),
        sn=_w("Sidhu Dhaliwal Parmar Johal Bhogal Chauhan"),
    ),
    "somali": dict(
        f=_w("Ikran Deeqa Ubah Ladan Muna Shukri"),
        m=_w("Abdikarim Mukhtar Liban Abdiwali Guled Mahad Abdiqani Saciid Farhan"),
        cf=_w("Hamdi Nasteho Sumaya Naima Hodman Kaltun"),
        cm=_w("Mustafe Yasin Khalid Abdirizak Mahamed Ilyas"),
        sn=_w("Aden Egal Dualeh Hersi Nur Mohamud Osman Gedi"),
    ),
    "nigerian": dict(
        f=_w("Folake Bisola Yetunde Adaeze Temitope Omolara Nkechi Ronke Uchenna"),
        m=_w("Chinedu Ifeanyi Segun Obinna Tunde Kayode Nnamdi Oluwadamilare"),
        cf=_w("Chidinma Ifeoma Adunni Ireoluwa Somto Tiwalade Munachi"),
        cm=_w("Tobenna Chibuike Olamide Kamsi Fiyin Ebuka Tomiwa Jidenna Demilade"),
        sn=_w("Eze Balogun Afolabi Chukwu Ibekwe"),
    ),
    "ghanaian": dict(
        f=_w("Adwoa Yaa Afia Abenaa Mansa Dzifa"),
        m=_w("Kwadwo Kwesi Fiifi Ekow"),
        cf=_w("Ama Adjoa Nhyira Afua Serwaa Elikem"),
        cm=_w("Kobby Kweku Selasi Yayra"),
        sn=_w("Ofori Appiah Darko Amponsah Agyeman"),
    ),
    "caribbean": dict(
        f=_w("Paulette Jolene Ruthie Sonia Claudette"),
        m=_w("Devon Trevor Errol Lascelles Neville-Roy"),
        cf=_w("Nevaeh Malia Amari Kiana Zuri Jada Tiana Kamara Imani"),
        cm=_w("Kairo Josiah Malakai Roman Kyrie Jahmari Isaiah"),
        sn=_w("Brown Forbes McKenzie Ricketts Gayle Morrison Beckford Samuels"),
    ),
    "polish": dict(
        f=_w("Magdalena Dorota Justyna Beata Sylwia Monika Renata"),
        m=_w("Krzysztof Marcin Grzegorz Lukasz Dariusz Rafal Wojciech Slawomir Mariusz Przemek"),
        cf=_w("Zuzanna Hanna Julia Maja Wiktoria Nikola Pola"),
        cm=_w("Szymon Antoni Igor Mikolaj Bartosz Oskar Wiktor"),
        sn=_w("Wisniewski Lewandowska Zielinski Wozniak Dabrowski Szymanska Jablonski Krol Mazur "
              "Pawlak"),
    ),
    "romanian": dict(
        f=_w("Mihaela Roxana Adina Georgiana Loredana"),
        m=_w("Catalin Bogdan Sorin Valentin"),
        cf=_w("Alexandra Ilinca Ramona Anastasia"),
        cm=_w("Rares Stefan Sebastian-Ion"),
        sn=_w("Dumitru Ionescu Radu Constantin Vasile"),
    ),
    "lithuanian": dict(
        f=_w("Ruta Egle Vaida Ausra Ingrida Laima"),
        m=_w("Mindaugas Tadas Saulius Vytautas Arunas Rimantas"),
        cf=_w("Gabija Ugne Kamile Austeja Smilte"),
        cm=_w("Matas Nojus Lukas Dominykas Joris Kajus"),
        sn=_w("Kazlauskas Jankauskas Vasiliauskas Stankevicius Zukauskas Butkus"),
    ),
    "turkish_kurdish": dict(
        f=_w("Elif Zeynep Hatice Gulsen Rojda Berivan Emine Sevgi Nurcan"),
        m=_w("Mehmet Huseyin Serkan Baran Ahmet Kemal Dilan Erdal Cihan"),
        cf=_w("Defne Ela Asya Nujin Eylul Zilan Beritan"),
        cm=_w("Emir Kerem Deniz Rojhat Alp Berkay Azad"),
        sn=_w("Yilmaz Demir Kaya Aydin Celik Ozturk Dogan Arslan"),
    ),
    "afghan": dict(
        f=_w("Parwana Shukria Roya Freshta Malalai"),
        m=_w("Najib Jawad Sayed-Wali Qudratullah"),
        cf=_w("Mursal Yalda Mahsa Setayesh Marwa"),
        cm=_w("Mustafa Arash Elham Sohrab"),
        sn=_w("Hakimi Popal Wardak Stanekzai"),
    ),
    "syrian": dict(
        f=_w("Rasha Hiba Dalia Rana Ghada Razan Manal"),
        m=_w("Khaled Bassam Ammar Walid Majd Fadi Louay Mazen Samer"),
        cf=_w("Jana Layan Sidra Tala Joud Rahaf Lamar"),
        cm=_w("Karam Adam Taim Hadi Yamen Qusay"),
        sn=_w("Al-Hamwi Al-Khatib Darwish Sabbagh Kassab Al-Masri Homsi"),
    ),
    "eritrean": dict(
        f=_w("Hiwet Rahel Tsega Mehret Luwamit Freweyni"),
        m=_w("Habtom Yemane Amanuel"),
        cf=_w("Lidya Saron Merhawit Winta Eden-Rahwa"),
        cm=_w("Abel Natnael Siem Henok Ermias"),
        sn=_w("Tesfamariam Ghebreyesus Woldu Tewelde"),
    ),
    "chinese_viet": dict(
        f=_w("Xiu Ying Linh Thao Hoa Xiaoling Ngoc Phuong"),
        m=_w("Minh Tuan Quang Zhiwei Thanh"),
        cf=_w("Yu-Xin Bao-Chau Mai-Linh Xinyi"),
        cm=_w("Zi-Han Duc Khoa Hieu"),
        sn=_w("Wong Nguyen Tran Pham Huang"),
    ),
    "portuguese": dict(
        f=_w("Ines Joana Catia Filipa Rita Sonia-Maria Vanessa"),
        m=_w("Nuno Rui Tiago Hugo Sergio Vitor Joaquim"),
        cf=_w("Leonor Beatriz Matilde Carolina Madalena"),
        cm=_w("Duarte Vasco Rodrigo Afonso"),
        sn=_w("Ferreira Carvalho Gomes Teixeira Sousa Rocha"),
    ),
}

CULTURE_WEIGHTS = {
    "english": 34, "irish": 4, "traveller": 2, "welsh_scots": 4, "pakistani": 8, "bangladeshi": 4,
    "indian": 5, "somali": 3, "nigerian": 4, "ghanaian": 2, "caribbean": 4, "polish": 5,
    "romanian": 3, "lithuanian": 2, "turkish_kurdish": 2, "afghan": 2, "syrian": 2, "eritrean": 2,
    "chinese_viet": 2, "portuguese": 2,
}

LANGUAGES = {
    "pakistani": "Urdu", "bangladeshi": "Sylheti", "indian": "Punjabi", "somali": "Somali",
    "polish": "Polish", "romanian": "Romanian", "lithuanian": "Lithuanian",
    "turkish_kurdish": "Kurdish (Kurmanji)", "afghan": "Dari", "syrian": "Arabic",
    "eritrean": "Tigrinya", "chinese_viet": "Vietnamese", "portuguese": "Portuguese",
}

PRO_FIRST = _w("Bronwen Ceri Eleri Fatima Ifeoluwa Jasmin Keeley Mairead Olwen Prudence Rosalind "
               "Tamsin Ursula Verity Yasmin Anwen Clare Dominic Edward Giles Hugh Jonathan Laurence "
               "Mehmood Neil Piotr Quentin Tobias Vince Warren Philippa Henrietta Marguerite Lucinda "
               "Cressida Sorcha Jocelyn Naveen Gideon Crispin Barnaby Rufus Leopold Anjum Shireen "
               "Nkem Ottoline Fenella Tarquin Ines-Clara")
PRO_SUR = _w("Abbott Birkett Coulthard Dewhurst Ellwood Fairbairn Greenhalgh Hepworth Illingworth "
             "Jessop Kenworthy Lumb Marsland Nuttall Ormerod Pickles Quayle Scholes Uttley "
             "Whiteley Yeadon Ackroyd Bhatti Chana Ekwueme Fofanah Ghosh Juma Pires Sarpong Tembo "
             "Blenkinsop Cudworth Dransfield Ogden-Pratt Roebuck Sugden Bairstow Holroyd Midgley "
             "Crabtree Fawcett Tetley Oddie Murgatroyd Haigh Brearley")

COUNCILS = [
    ("Quarrington", "Metropolitan Borough Council", "MBC"), ("Tollmere", "County Council", "CC"),
    ("Abbotsgrave", "City Council", "CC"), ("Heronsgate", "Borough Council", "BC"),
    ("Lanthorne", "Council", "Council"), ("Marrowby", "Metropolitan Borough Council", "MBC"),
    ("Oxcliffe", "County Council", "CC"), ("Skelwith", "City Council", "CC"),
    ("Easterholt", "County Council", "CC"), ("Wythenhall", "Metropolitan Borough Council", "MBC"),
    ("Gildersby", "City Council", "CC"), ("Hatherwick", "Borough Council", "BC"),
    ("Stourleigh", "Council", "Council"), ("Nettlecombe", "County Council", "CC"),
    ("Brambury", "City Council", "CC"), ("Rookhaven", "Metropolitan Borough Council", "MBC"),
    ("Sallowby", "County Council", "CC"), ("Cradwell", "Borough Council", "BC"),
    ("Kilnsey Cross", "Council", "Council"), ("Thorverton", "County Council", "CC"),
    ("Aldbrough", "Metropolitan Borough Council", "MBC"),
]

TOWNS = _w("Brinkley Coldhurst Dinsworth Emberton Farleigh Gorsey Hexthorpe Ilkworth Jarrowfield "
           "Kettleby Lidcote Moorend Norbury-on-Tame Ockham Pelsworth Quinton-Vale Ridgeworth "
           "Stannard Tipley Ullesby Vardon Wickmere Yarwell Barnside Corsley Dunnock Frithby "
           "Greenlow Kelsey-Cross Lythe Netherfold Padbury Redstone Shawcross Thrupp Whinfell "
           "Scarthwaite Hollowell Crickmoor Ebberston Wetherden Fosscombe")
ESTATES = _w("Larkspur Foxglove Millbrook Tanners Cornfield Sandpiper Ropewalk Brickfields "
             "Bellflower Clayhill Weavers Stonechat Lapwing Sorrel")
SCHOOL_STEMS = _w("Alderbank Briarwood Copperfield Dovecote Elmhurst Fernside Glebelands Hazelmere "
                  "Juniper Kingfisher Meadowside Oakhollow Pinewood Rosebank Sycamore Thistledown "
                  "Underwood Wellspring Bramblewick Foxcote Greyfell Hartsbrook Whitethorn")
SAINTS = _w("Bede Cuthbert Hilda Columba Wilfrid Chad Oswald Werburgh Anselm Etheldreda Swithun")

HOMELANDS = {
    "irish": "County Clare", "welsh_scots": "the Western Isles", "pakistani": "Mirpur in Pakistan",
    "bangladeshi": "Sylhet in Bangladesh", "indian": "the Punjab", "somali": "Somalia",
    "nigerian": "Lagos", "ghanaian": "Kumasi in Ghana", "caribbean": "Jamaica", "polish": "Poland",
    "romanian": "Romania", "lithuanian": "Lithuania", "turkish_kurdish": "south-east Turkey",
    "afghan": "Afghanistan", "syrian": "Syria", "eritrean": "Eritrea", "chinese_viet": "Vietnam",
    "portuguese": "Madeira",
}

# Services are named without an article so templates can say "the {x}" or "{x}'s".
SERVICES = dict(
    da_service=["Safer Futures", "Harbour Lights", "Brighter Paths", "the Lantern Project",
                "Stepping Stones DA Service", "Open Door Women's Service"],
    da_course=["Own My Life course", "Recovery Toolkit", "Moving Forward programme",
               "Freedom to Thrive group", "Pattern Changing course"],
    perp_prog=["Choices for Change group", "Respectful Relationships programme",
               "Men and Change group", "Caring Dads programme", "Turning the Tide course"],
    drug_service=["Turnstone Recovery", "Horizon Drug and Alcohol Service", "Pathway Recovery",
                  "New Leaf", "ClearPath", "Bridgeway Recovery"],
    mh_service=["Talking Matters", "the Wellbeing Hub", "the community mental health team",
                "Healthy Minds", "the perinatal mental health team", "MindSpace"],
    parenting_prog=["Incredible Years course", "Solihull parenting group", "Triple P course",
                    "Nurturing Families course", "Parenting Puzzle course", "Family Links group"],
    youth=["Exit Route", "Youth Connect", "Horizons Mentoring", "the Turnaround Project",
           "Streetwise", "Safe Steps"],
    carers=["the Young Carers Hub", "Carers Together", "Time Out Young Carers"],
    respite=["Willow Lodge", "the Beeches short break unit", "Rainbow House", "Cedar View"],
)




# ---------------------------------------------------------------------------------------------
# Phrase banks. Format 'kind|bands|template'. Conditional placeholders render as "" and exist in
# the context only when true: {_known} earlier involvement, {_new} none, {_sep} parents apart,
# {_together} parents together, {_partner} mother has a new partner, {_lang} interpreter needed.
# ---------------------------------------------------------------------------------------------

HISTORY = parse_bank("""
childhood|*|{mum} grew up in {prev_town} as the eldest of five and says she was often left in charge of her younger brothers while her mother worked nights.
childhood|*|{mum} describes her own childhood as "loud and unpredictable", with her stepfather drinking heavily most weekends.
childhood|*|{dad} was raised mainly by his grandmother after his parents split up when he was six.
childhood|*|{mum} spent two years in foster care in {council2} as a teenager before returning to her mother's at sixteen.
childhood|*|{dad} told me he was regularly hit with a belt as a boy and that "nobody batted an eyelid back then".
childhood|*|{mum} was permanently excluded from secondary school in Year 9 and finished her education at a pupil referral unit.
childhood|*|When {mum} was about eight she lived in a women's refuge with her mother for several months.
childhood|*|{dad} says he had a settled upbringing on a smallholding outside {prev_town} and left school at sixteen to work alongside his father.
childhood|*|From the age of ten {mum} helped look after her own mother, who had a long-term illness, and she missed a lot of school as a result.
childhood|*|{dad} left home at seventeen after repeated rows with his stepfather and sofa-surfed with friends for most of a year.
childhood|*|{mum} was bullied throughout primary school and says she had very few friends until she started college.
childhood|*|{mum} was brought up by an aunt in {prev_town} because her own mother became unwell soon after she was born.
childhood|*|{dad} grew up in a large and close family and describes his parents as strict but fair.
childhood|*|As a child {mum} was known to {council2} children's services because of neglect, and she can remember social workers coming to the house.
childhood|*|{mum} says she saw her father assault her mother many times and learned to "go quiet and keep out of the way".
childhood|*|{dad} was in and out of children's homes between the ages of eleven and fifteen.
childhood|*|{mum} left school with no qualifications and had her first child at seventeen.
childhood|*|{dad}'s father was a heavy drinker, and {dad} remembers being frightened of him when he came home from the pub.
childhood|*|{mum} described a happy early childhood until her parents divorced when she was nine, after which she moved between their two homes every week.
childhood|*|{dad} was diagnosed with dyslexia only in his twenties and says he "switched off" at school because he was made to feel stupid.
prev_inv|*|{_known}The family were first referred to children's services in {y_b} by the health visitor, who was worried about the state of the home; the case closed after an Early Help assessment.
prev_inv|p s|{_known}{c} was on a Child in Need plan between {y_b} and {y_c} because of poor attendance and missed health appointments.
prev_inv|*|{_known}There have been six contacts to the front door since {y_b}, four of them police notifications of domestic incidents.
prev_inv|*|{_known}The family had Early Help support from the {hub} in {y_c}, which focused on routines and budgeting and closed with the family's agreement.
prev_inv|*|{_known}An earlier single assessment in {y_c} ended with no further action, although it recorded concerns about {dad}'s temper.
prev_inv|p s|{_known}{c} was made subject to a Child Protection plan under the category of neglect in {y_b}; the plan ended after nine months once home conditions improved.
prev_inv|*|{_known}{council2} children's services worked with {mum} and her older children before she moved to {town}, and their records have been received.
prev_inv|p s|{_known}Records show a strategy discussion in {y_c} after {c} said {he} had been hit with a slipper; the section 47 enquiry did not substantiate the concern.
prev_inv|*|{_known}The family have been open to the Early Help team twice before, in {y_b} and again in {y_c}.
prev_inv|p s|{_known}The school referred {c} in {y_c} because of weight loss, which led to a paediatric review and no further social care involvement.
prev_inv|*|{_known}A pre-birth assessment was completed for {mum}'s previous pregnancy in {y_a} and concluded that she could care for the baby with support.
prev_inv|*|{_known}In {y_b} the family were assessed after an anonymous call about the children being left alone; the concern was not substantiated.
no_prev|*|{_new}No previous involvement is recorded.
no_prev|*|{_new}Neither parent appears anywhere on the children's social care record.
no_prev|*|{_new}Checks with {council2}, where the family lived until {y_c}, show no earlier referrals.
no_prev|*|{_new}This is the first time the family have been referred to children's services.
no_prev|*|{_new}Neither parent was known to children's services as a child.
no_prev|*|{_new}The family are not known to Early Help or to any other local authority.
no_prev|*|{_new}A search of the electronic record found no previous contacts for any member of the household.
police|*|Police checks were negative.
police|*|Police checks on both parents returned no convictions, cautions or intelligence.
police|*|Police records show that {dad} was cautioned for having cannabis on him in {y_a}.
police|*|{_partner}Police checks show that {partner} has a conviction for assaulting a previous partner in {y_a}.
police|*|The police hold eleven domestic abuse reports involving {mum} and {dad} going back to {y_b}.
police|*|Police checks found one earlier call-out to the address in {y_c}, when neighbours reported shouting; no offences were recorded.
police|*|The police national computer shows convictions for theft and burglary against {dad} as a young man, the most recent in {y_a}.
police|*|Police checks on {mum} were clear, and {dad} has a single drink-driving conviction from {y_a}.
relationship|*|{mum} and {dad} met at college in {y_a} and moved in together a year later.
relationship|*|{_sep}{mum} and {dad} separated in {y_c} after eight years together, and {dad} moved back to {prev_town}.
relationship|*|{_sep}The relationship between {mum} and {dad} broke down and resumed several times between {y_b} and {y_c}.
relationship|*|{_partner}{mum} met {partner} online in {y_recent} and he moved into the family home within three months.
relationship|*|{_together}{mum} and {dad} had an arranged marriage in {y_a} and she joined him in England the following year.
relationship|*|Before meeting {dad}, {mum} was married for four years to a man she describes as jealous and controlling.
relationship|*|{_sep}{dad} left the family home in {y_recent} after {mum} found out he had been seeing someone else.
relationship|*|{_together}{mum} and {dad} have been together since they were teenagers and married in {y_a}.
bereavement|*|{mum}'s father died suddenly in {y_c}, and she says her drinking increased in the months that followed.
bereavement|p s|{c}'s older brother died in a road accident in {y_c}, and the family have never had bereavement support.
bereavement|*|{dad} lost his mother to cancer when he was twelve and was then brought up by his older sister.
bereavement|*|The family suffered a stillbirth in {y_b}, which {mum} says she has "never properly grieved".
bereavement|p s|{c}'s grandfather, who collected {him} from school every day, died in {y_recent}.
bereavement|*|{mum}'s younger brother took his own life in {y_b}, and she found out by phone while at work.
moves|*|The family moved from {prev_town} to {town} in {y_c} after being evicted for rent arrears.
moves|*|Between {y_b} and {y_c} the family lived at four different addresses, including six months in temporary accommodation.
moves|*|{_sep}{mum} moved to {town} from {prev_town} in {y_recent} to get away from {dad} and was placed in a refuge at first.
moves|*|{_together}The family came to {town} from {prev_town} in {y_c} so that {dad} could take up a warehouse job.
moves|p s|{c} has changed primary school three times because of house moves.
moves|*|The family lived with {gran} in an overcrowded flat for two years before being rehoused in {y_c}.
removed|*|{_known}{mum}'s first child, {oldchild}, was removed from her care in {y_a} and later adopted.
removed|*|{_known}Two older half-siblings of {c} live with their paternal grandparents under special guardianship orders made in {y_b}.
removed|*|{_known}{dad} has a son from a previous relationship who went into long-term foster care in {y_a} because of neglect.
removed|*|{_known}Care proceedings in {council2} in {y_a} ended with {mum}'s eldest daughter, {oldchild}, going to live with her father.
past_da|*|{mum} experienced domestic abuse from a previous partner between {y_a} and {y_b}, including one incident in which he strangled her.
past_da|*|There were repeated domestic incidents between {mum} and {dad} in {y_b}, and a MARAC referral was made in {y_c}.
past_da|*|{dad} completed a perpetrator programme in {y_c} after a conviction for common assault against {mum}.
past_da|*|{mum} obtained a non-molestation order against a former partner in {y_b}, which has since expired.
past_da|*|{mum} says the violence started during her pregnancy with {c} and stopped for a while after {dad}'s arrest in {y_b}.
past_sub|*|{dad} used heroin in his twenties and completed a community detox in {y_a}.
past_sub|*|{mum} was drinking heavily in {y_b} and attended an alcohol service for six months before dropping out.
past_sub|*|{dad}'s cannabis use began when he was fourteen and has continued on and off since.
past_sub|*|{mum} was on a methadone script between {y_a} and {y_b} and reports being abstinent ever since.
past_sub|*|{dad} had a period of cocaine use in {y_c} that he says ended when he lost his job.
past_mh|*|{mum} was admitted to a psychiatric ward for three weeks in {y_b} following an overdose.
past_mh|b t p|{mum} had postnatal depression after {c} was born and was seen by the perinatal mental health team for a year.
past_mh|*|{dad} was diagnosed with bipolar disorder in {y_a} and has had two hospital admissions since.
past_mh|*|{mum} self-harmed as a teenager and was seen by CAMHS between the ages of fourteen and sixteen.
past_mh|*|{dad} was treated for post-traumatic stress after a serious assault in {y_a}.
extended|*|{mum}'s mother, {gran}, was herself brought up in a children's home.
extended|*|The maternal family are from {homeland}, and most of {mum}'s brothers and sisters still live there.
extended|*|{dad}'s parents stopped speaking to him when he left the family business in {y_a}.
extended|*|{gran} had problems with alcohol when {mum} was growing up but has now been sober for more than ten years.
extended|*|The paternal family have lived in {town} for generations and ran a market stall there for many years.
extended|*|{mum}'s sister, {aunt}, looked after {c} for three months in {y_c} while {mum} was in hospital.
extended|*|{gran} brought up four children largely on her own after her husband was sent to prison.
extended|*|There is a history of depression on the maternal side, and {gran} was treated for it in her forties.
perfect|*|{dad} has been known to the probation service since {y_a}.
perfect|*|{mum} has had periods of low mood since her teenage years, the worst following her second pregnancy.
perfect|*|{_known}The family have been known to {council} children's services since {y_b}.
perfect|*|{dad} has been in and out of work since his apprenticeship ended in {y_a}.
perfect|*|{mum} has struggled with anxiety ever since the house fire in {y_b}.
perfect|*|{mum} has moved house seven times since she left care at eighteen.
criminal|*|{dad} served eighteen months in prison for robbery and was released in {y_b}.
criminal|*|{_partner}{partner} was convicted of supplying class A drugs in {y_a} and spent two years in custody.
criminal|*|{mum} received a community order in {y_b} for shoplifting, which she says was to feed the children.
child_past|t p s|{c} lived with {gran} for most of {y_c} while {mum} was unwell.
child_past|p s|{c} spent the first two years of {his} life in {homeland} with {his} grandparents before joining {his} parents in England.
child_past|p s|{c} was present in {y_c} when {dad} was arrested at the family home.
child_past|p s|{c} was cared for by family friends for six weeks in {y_c} while {mum} was in hospital.
migration|*|{_refugee}{dad} came to the UK as an unaccompanied asylum seeker at sixteen and was looked after by {council2}.
migration|*|{_refugee}The family reached England in {y_c} through a refugee resettlement scheme after several years in a camp.
migration|*|{mum} came to England from {homeland} in {y_a} to study and stayed after meeting {dad}.
migration|*|{dad} came to England from {homeland} in {y_a} to work in food processing and {mum} joined him two years later.
""")

HISTORY += parse_bank("""
childhood|*|{mum} grew up on the same estate where she lives now and has known most of her neighbours since she was a child.
childhood|*|{dad} spent much of his childhood being passed between relatives and says he "never unpacked properly".
childhood|*|{mum} remembers her father being ((sent to prison~taken away by the police)) when she was seven, and says nobody ever explained why.
childhood|*|{dad} was excluded from three schools and spent four months in a young offender institution at seventeen.
childhood|*|{mum} disclosed that she was sexually abused by a family friend when she was eleven and has never had counselling.
childhood|*|{mum} went to live with her grandparents at fourteen because she could not get on with her stepmother.
childhood|*|{dad} describes his upbringing as "strict and religious", with little warmth shown by either parent.
childhood|*|{mum} was looked after by {council2} from the age of ((nine~ten~twelve)) until she turned eighteen.
childhood|*|{dad} grew up with a mother who was addicted to heroin and was often left to fend for himself.
childhood|*|{mum} was the only child of older parents and says she was "wrapped in cotton wool" until they died.
childhood|*|{dad} has described a happy childhood in {prev_town}, playing rugby and helping on his uncle's allotment.
childhood|*|As a teenager {mum} ran away from home ((several~four or five)) times and once slept in a bus station.
childhood|*|{mum}'s parents both drank heavily, and from about the age of ten she got herself up and off to school.
prev_inv|p s|{_known}The family were known to Early Help in {y_c} after {c}'s school raised concerns about ((head lice~lateness~missed dental appointments)).
prev_inv|*|{_known}In {y_b} a section 47 enquiry followed {dad}'s arrest for assaulting {mum}, and it ended with a Child in Need plan.
prev_inv|*|{_known}{mum}'s older children were on Child Protection plans in {council2} between {y_a} and {y_b}.
prev_inv|*|{_known}The last period of involvement ended in {y_c}, when the case was stepped down to an Early Help plan.
prev_inv|*|{_known}Contacts in {y_b} and {y_c} were about arguments between the parents and did not lead to assessments.
prev_inv|*|{_known}A referral to the front door in {y_c} about {c}'s weight was passed to the health visiting service.
no_prev|*|{_new}There are no previous referrals on the children's social care system.
no_prev|*|{_new}Neither parent's family is known to children's services here or in {council2}.
police|*|Police intelligence links {dad} to people involved in drug supply, although he has no convictions.
police|*|Police checks show no information on {mum} and one caution for criminal damage against {dad} from {y_a}.
police|*|{_partner}The police hold intelligence that {partner} was violent towards a previous partner, though no charges were brought.
relationship|*|{mum} was sixteen when she met {dad}, who was nine years older than her.
relationship|*|{_sep}{mum} describes her relationship with {dad} as "good for the first year, and then it turned".
relationship|*|{_sep}{mum} and {dad} had a volatile relationship with ((frequent~repeated)) separations before they split for good in {y_c}.
relationship|*|{_together}{mum} and {dad} met through friends in {y_a} and describe a stable relationship apart from rows about money.
relationship|*|{_partner}{mum}'s relationship with {partner} began in {y_recent}, only a few weeks after she separated from {dad}.
relationship|*|{mum} had two short relationships before meeting {dad}, one of which ended after the police were called.
bereavement|*|{mum}'s mother died when {mum} was fifteen, and she then lived with an aunt until she left school.
bereavement|*|{dad}'s younger brother died of an overdose in {y_b}.
bereavement|*|{c}'s great-grandmother, who lived with the family and helped care for the children, died in {y_recent}.
bereavement|*|The couple's first baby died of sudden infant death in {y_a}.
moves|*|The family have moved between {town} and {prev_town} four times since {y_b}, mostly because of rent arrears.
moves|*|{mum} came to {town} in {y_a} to be near her sister and has stayed in the area since.
moves|*|The family spent ((five~seven~nine)) months in a bed and breakfast in {y_c} after a fire at their previous home.
moves|*|{_together}The family moved to {town} from {council2} in {y_c} after {dad} was offered work.
removed|*|{_known}{dad}'s two children from his first marriage were made subject to care orders in {y_a} and now live with their maternal aunt.
removed|*|{_known}{mum} has three older children, none of whom live with her; the eldest was adopted in {y_a}.
past_da|*|{mum}'s previous partner was convicted of assaulting her in {y_a} and served a short prison sentence.
past_da|*|{dad} says he was on the receiving end of violence from a former partner and once needed hospital treatment.
past_da|*|There were ((three~four~five)) police call-outs to domestic incidents at the family's previous address between {y_b} and {y_c}.
past_sub|*|{mum} says she used amphetamines in her late teens but stopped when she became pregnant.
past_sub|*|{dad} was convicted of drink-driving in {y_b} and attended an alcohol awareness course.
past_sub|*|{dad} had a period of heavy gambling in {y_b} that left the family with large debts.
past_mh|*|{mum} was diagnosed with emotionally unstable personality disorder in {y_a}.
past_mh|*|{mum} was detained under the Mental Health Act in {y_b} after a psychotic episode.
past_mh|*|{dad} had counselling in {y_c} after witnessing a fatal accident at work.
extended|*|{gran} has looked after her grandchildren at various times and is described by {mum} as "the one who holds everyone together".
extended|*|The paternal grandparents live in {homeland} and have never met {c}.
extended|*|{mum}'s brothers have convictions for violence, and she has had little contact with them for years.
extended|*|{dad} was one of eight children and says his family were "always in and out of each other's houses".
extended|*|{aunt}, {mum}'s younger sister, was herself in foster care for a time as a teenager.
perfect|*|{mum} has taken antidepressants, on and off, since {y_a}.
perfect|*|{dad} has been known to the youth and adult justice systems since he was fourteen.
perfect|*|{mum} has struggled to manage money since she was a young adult and has had several debts written off.
perfect|*|{_known}The family have been open to children's services ((twice~three times)) since {y_b}.
criminal|*|{dad} received a suspended sentence in {y_b} for carrying a knife.
criminal|*|{mum} was convicted of benefit fraud in {y_a} and has since repaid the money.
child_past|p s|{c} lived with a family friend under a private fostering arrangement for part of {y_c}.
child_past|s|{c} was excluded from primary school twice in {y_c}, both times for hitting staff.
migration|*|{_refugee}{mum} and {dad} fled {homeland} in {y_b} and spent two years in a camp before being resettled here.
migration|*|{mum} moved to England from {homeland} as a child and speaks both languages fluently.
""")

# Sentences that carry both labels: the child telling the family's past.
BOTH = parse_bank("""
both|p s|{c} told me {he} remembers living in the refuge and sharing a bunk bed with {mum}.
both|p s|{c} said the hardest time was "when we got evicted and had to sleep at Auntie's".
both|p s|{c} described the night the police came to the old flat, saying {he} hid in the bathroom with {his} headphones on.
both|p s|{c} told me {he} still misses {his} grandad, who used to take {him} fishing before he died.
both|p s|{c} said that when {he} lived at {gran}'s "it was quiet and I had my own bed".
both|s|{c} told me {he} has had "loads of social workers since I was little" and that none of them stayed long.
both|p s|On a timeline, {c} marked the move from {prev_town} as the saddest day because {he} had to leave {his} best friend behind.
both|s|{c} said {he} used to look after {mum} when she was drinking, and that {he} learned to cook pasta when {he} was nine.
both|p s|{_sep}{c} told me that before {dad} moved out there was "shouting every night" and {he} used to sleep in {his} clothes.
""")

VOICE_EXTRA = parse_bank("""
seen_alone|p s|I spoke with {c} on {his} own at {school} on {dv2}, in a room {he} chose.
seen_alone|s|{c} was seen alone twice, once at home and once on a walk to the shop.
seen_alone|p|{c} was seen on {his} own in the school's nurture room on {dv1}.
seen_alone|t|I saw {c} at home on {dv2} while {mum} was in the kitchen, and we played with {his} farm animals.
quote|p s|{c} said "I don't like it when Mum goes out at night and I'm in charge".
quote|p s|When I asked about school, {c} said "it's the only place nobody shouts".
quote|p s|{c} said {he} would rate {his} week "a four, because of all the arguing".
quote|s|{c} told me "I'm fine, honestly, it's everyone else who's got the problem".
quote|p|{c} said "Nanny makes the best chips and she lets me stay up for films".
quote|s|{c} said "I don't want to talk about my dad, he's not part of my life".
quote|p|{c} whispered "I'm not allowed to say" when I asked about the night the police came.
quote|s|{c} said the plan "sounds alright as long as I don't have to move".
reported|p s|{c} told me {he} likes living with {his} mum but wishes the house was tidier.
reported|s|{c} said {he} does most of the cooking at weekends and does not mind.
reported|p|{c} told me {he} sleeps with the light on because {he} has bad dreams.
reported|s|{c} told me {he} goes to a friend's house to get away from the arguments.
reported|p s|{c} said {he} has stopped inviting friends round because the house is messy.
reported|s|{c} said {he} hates {his} new school and has nobody to sit with at lunch.
reported|p s|{_c2}{c} explained that {he} looks after {c2} when {mum} is asleep.
reported|s|{c} told me {he} has been scratching {his} arms when {he} is upset and showed me the marks.
reported|p|{_sep}{c} told me {his} favourite thing is going to the park with {dad} on Saturdays.
reported|s|{c} said {he} knows the older boys are using {him} but that {he} "owes them".
wish|p s|{c} wants {his} mum to "stop being sad all the time".
wish|s|{c} said {he} would like to have friends to stay over like everyone else.
wish|p|{c}'s wish is to have a birthday party this year.
wish|s|{c} wants to go to college to study mechanics and asked for help with the application.
wish|p s|{c} would like {dad} to come and watch {his} football matches.
worry|p|{c} said {he} worries that {mum} will forget to pick {him} up.
worry|s|{c} said {his} biggest worry is money and whether the electric will run out.
worry|p s|{c} told me {he} is frightened of the dog next door and hates walking past the house.
direct_work|p|In a bubbles exercise, {c} put {gran} and {his} teacher in the bubble closest to {him}.
direct_work|p s|Using a scaling line on the floor, {c} stood at 3 out of 10 when I asked how happy {he} is at home.
direct_work|p|{c} completed a "my day" timeline and said the worst time is "after tea when Mum goes upstairs".
direct_work|s|{c} filled in a wishes and feelings questionnaire and ticked "sometimes" next to feeling safe at home.
direct_work|p|{c} used the puppets to show a cross daddy puppet shouting at a baby puppet.
direct_work|p|{_partner}In the three islands activity, {c} put {partner} on the island furthest away and {mum} on {his} own island.
drawing|p|{c} drew {himself} as a superhero "so I can stop the shouting".
drawing|t p|{c} drew a rainbow and said it was for Mummy "because she cries".
obs_baby|b|{c} reached for {mum}'s face and smiled when she spoke softly to {him}.
obs_baby|b|{c} had a flattened head at the back and spent most of the visit lying in {his} car seat.
obs_baby|b|{c} fed well from the bottle and kept eye contact with {mum} throughout.
obs_baby|b|When I shook a rattle, {c} followed it with {his} eyes and laughed.
obs_baby|b|{c} cried for over ten minutes while the adults talked, and nobody went to {him}.
obs_baby|b|{c}'s clothes were clean and {he} was alert and babbling throughout the visit.
obs|t|{c} pulled {mum} by the hand to show me {his} new shoes.
obs|t|{c} threw toys and screamed when {mum} said no, then calmed when she sat on the floor with {him}.
obs|t|{c} came to me, a stranger, for a cuddle within minutes of my arrival.
obs|t|{c} was using about twenty words and put two together, saying "more juice".
obs|t p|{_together}{c} flinched when {dad} reached past {him} to pick up the remote.
obs|p s|{c} sat on the stairs listening while I spoke to {mum} and came down to correct her account.
obs|s|{c} looked tired and had a bruise on {his} cheek that {he} said came from football.
obs|p|{c} was giggly and chatty and showed me {his} sticker chart on the fridge.
obs|s|{c} laughed at {his} mum's jokes and helped her find her paperwork during the visit.
behaviour|p s|{c} hugged {mum} when she became upset talking about the incident.
behaviour|p|{c} would not let go of {mum}'s sleeve when I said I would like to talk to {him} alone.
relayed|p s|{c} told {his} teacher that {he} is "not allowed to have friends round".
relayed|s|{c} told the police officer that {he} had been given the phone by "a mate" and would not say more.
relayed|p s|{c} told the school nurse that {he} cannot sleep because of noise from the next room.
relayed|t p|{c} told the nursery practitioner that {he} had "sleeped on the sofa".
relayed|s|{c} wrote a note to {his} form tutor saying that {he} is scared to go home.
""")

VOICE = VOICE_EXTRA + parse_bank("""
seen_alone|p s|I saw {c} alone in school on {dv1}.
seen_alone|p s|I saw {c} on {his} own in {his} bedroom during the home visit on {dv2}.
seen_alone|p s|{c} was seen on {his} own at {school} on {dv1} and again on {dv3}.
seen_alone|s|I met {c} on {his} own at a café {he} picked, on {dv2}.
seen_alone|t|{c} was seen at nursery on {dv1}, where I spent an hour with {him} in the playroom.
seen_alone|p|{c} chose to talk to me without {mum} there, so we sat in the kitchen while {mum} waited upstairs.
seen_alone|s|{c} agreed to see me alone in the school library on {dv3}.
quote|p s|{c} said "home is alright when nobody is shouting".
quote|p s|When I asked what makes a good day, {c} said "when Mum gets up and does pancakes".
quote|s|{c} told me "I'm not going to be the one who gets everyone in trouble".
quote|p|{c} said "I like it at {gran}'s because she lets me go on the trampoline".
quote|s|{He} said "nobody ever asks me, they just talk about me".
quote|p s|{_sep}Asked about {dad}, {c} said "I want to see him but not when he's been drinking".
quote|p|{c} described {his} bedroom as "the best place because it's got my teddies and my night light".
quote|s|{c} said {he} would like the social worker "to stop coming round once things are sorted".
quote|p s|"I get scared when the doors bang," {c} told me, "so I put my music on."
quote|s|{c} said "if I tell you stuff it just makes it worse at home".
quote|p|{c} told me "Mummy cries in the bath" and then changed the subject to {his} new trainers.
quote|s|When I asked about the future, {c} said "I just want to get my GCSEs and get out of here".
reported|p s|{_partner}{c} told me {he} does not like it when {mum} and {partner} argue at night because it keeps {him} awake.
reported|p s|{c} said {he} sometimes makes {his} own breakfast because {mum} is still asleep.
reported|p s|{c} told me {he} feels safest at school and with {his} friend from football.
reported|s|{c} said {he} smokes cannabis most weekends because it "stops my head going round".
reported|p s|{He} told me {he} worries that {mum} will get poorly again and have to go back into hospital.
reported|p|{c} said {he} is often hungry when {he} gets home and that some days there is "only cereal".
reported|s|{c} explained that {he} stays out late because the house is crowded and {he} has nowhere to be on {his} own.
reported|p s|{c} told me {he} likes helping {mum} but gets tired because {he} does the washing up every night.
reported|s|{He} said {he} has thought about hurting {himself} but has not acted on it, and agreed that I could tell {his} GP.
reported|p s|{c} told me {he} likes {his} new school because the teachers "don't shout".
reported|s|{c} said {he} has been going to parties with older friends and that {he} "can handle it".
reported|p|{c} told me {he} sleeps in {mum}'s bed because {his} own room is too cold.
reported|p s|{c} said {he} loves the dog at home but hates it "when the electric runs out".
wish|p s|{_sep}{c} said {he} would like to see {dad} more often, maybe after school on Fridays.
wish|p s|{c}'s wish is for everyone at home to "be kind to each other".
wish|s|{c} wants to stay at {school} and does not want to move again.
wish|p s|{c} would like to join a football team like {his} friends.
wish|s|{c} said {he} wants {his} own room and "a lock on the door".
wish|p|{c} said {his} three wishes would be a puppy, a bigger house and for Mum to be happy.
wish|s|{c} would like to live with {gran} during the week and see {mum} at weekends.
worry|p s|{c} said {his} biggest worry is being taken away from {mum}.
worry|p|{c} said {he} gets a "wobbly tummy" on Sunday nights before going back to school.
worry|p s|{_c2}{c} told me {he} worries about {c2} because "nobody checks on {him2} at night".
worry|s|{c} said {he} is worried people at school will find out that a social worker is involved.
worry|p s|{_sep}{c} told me {he} is scared that {dad} will come back and "start it all again".
direct_work|p|Using the three houses, {c} put "Mum crying" in {his} house of worries and "going swimming" in {his} house of good things.
direct_work|p s|{_sep}On a scale of 0 to 10, where 10 is the safest, {c} scored home as a 6 and said it would be higher "if Dad stopped coming round".
direct_work|p|{c} used the feelings faces to show that {he} feels sad at bedtime and happy at breakfast club.
direct_work|p|{_sep}In a "my week" activity, {c} coloured Mondays and Tuesdays red because those are the days {he} has to go to {dad}'s.
direct_work|s|{c} completed an ecomap with me and put {his} youth worker closest to {him}, with {mum} further out.
direct_work|p|With the worry monster, {c} wrote that {he} worries about "the police coming back".
direct_work|p s|Using picture cards, {c} chose a bear hiding under a blanket to show how {he} feels when the adults argue.
direct_work|s|{c} filled in the "my views" form before conference and wrote that {he} wants {his} family to get help without {him} having to move out.
direct_work|p|{c} played with the dolls' house and put the "daddy" figure outside the front door, saying he was "not allowed in".
direct_work|p s|{c} completed a safety hand with me and named {teacher}, {gran} and {his} friend's mum as the people {he} would tell.
drawing|p|{_sep}{c} drew {his} family with {dad} standing outside the house and said that is "where he has to stay now".
drawing|p|{c} drew a picture of {himself} in bed with {his} hands over {his} ears.
drawing|t p|{c} drew {gran}'s house with a big sun above it and said it was a happy place.
drawing|p|{c} drew a dog with a sad face and said the dog "gets told off for everything".
obs_baby|b|{c} was alert and made good eye contact with {mum}, cooing when she spoke to {him}.
obs_baby|b|During the visit {c} lay on a playmat reaching for toys, and {mum} responded quickly whenever {he} grizzled.
obs_baby|b|{c} had a heavily soiled nappy at the start of the visit and a red rash across {his} thighs.
obs_baby|b|When {mum} left the room, {c} crawled to the door and cried until she came back and picked {him} up.
obs_baby|b|I saw {c} being fed from a bottle propped on a cushion, with no adult holding {him}.
obs_baby|b|{_together}{c} startled and began to cry when {dad} raised his voice on the phone.
obs_baby|b|{c} settled quickly in {mum}'s arms and fell asleep against her chest.
obs_baby|b t|{c} was wearing only a thin vest in a cold flat and {his} hands felt cold.
obs_baby|b|{c} smiled and kicked {his} legs when {mum} sang to {him} during the nappy change.
obs_baby|b|{c} was very still in {his} bouncer for most of the visit and did not turn towards voices.
obs_baby|b|{_together}{c} watched {dad} closely and reached up to be lifted as soon as he came into the room.
obs|t|{c} brought me {his} toy cars one at a time and lined them up on the sofa, checking my face each time.
obs|t|{c} clung to {mum}'s leg for the first twenty minutes and would not look at me.
obs|t|{_together}{c} said "no" and hid behind the curtain when {dad} came into the room.
obs|t p|{c} ate two slices of toast very quickly when they were offered and asked for more.
obs|t|{c} babbled and pointed at pictures in a book, naming "dog" and "ball".
obs|p s|During the visit {c} stayed close to {mum}, watched her face and answered questions for her.
obs|p s|{c} was quiet and kept {his} coat on for the whole visit.
obs|s|{c} avoided eye contact and answered my questions with a shrug until we talked about music.
obs|t|{c} climbed onto the kitchen worktop while {mum} was on the phone and nobody stopped {him}.
obs|t|{c} ran to {mum} after tripping over a toy, was comforted quickly and went back to playing.
behaviour|p|{c} read me a page from {his} school library book, grinning when I said well done.
behaviour|p s|{c} showed me round the flat and pointed out the black mould in {his} bedroom.
behaviour|p s|{_partner}When {partner} came home, {c} stopped talking and went up to {his} room.
behaviour|p|{c} chatted to me throughout the visit and showed me a trick on {his} scooter in the garden.
behaviour|s|{c} stayed in {his} room for most of my visit and came down only to say {he} had "nothing to say to social services".
relayed|p s|{c} told {his} teacher, {teacher}, that {he} had not had any tea the night before.
relayed|p s|{_partner}{c} told the school nurse that {he} is scared of {partner}.
relayed|s|{c} told {his} youth worker that {he} owes money to older boys and does not know how to pay it back.
relayed|t p|{c} told the nursery key worker that "Daddy hurt Mummy's arm".
relayed|p s|{c} told {dsl} that {mum} had slapped {him} across the face.
relayed|s|{_partner}{c} told the school counsellor that {he} has felt "invisible" at home since {partner} moved in.
""")

BOTH += parse_bank("""
both|p s|{c} told me {he} was "really little" when {he} lived with {gran}, and that {he} remembers her singing to {him}.
both|s|{_sep}{c} described how {his} dad used to "smash things" before he left, and said the house has been calmer since.
both|p s|{c} said {he} misses {his} old house in {prev_town} because it had a garden.
both|s|{c} told me that in Year 6 {he} was looking after {mum} every night because she was "poorly in her head".
""")

# Parent's or carer's report of what the child feels: "unclear", not scored.
UNCLEAR = parse_bank("""
unclear|*|{mum} said {c} is happy at school and loves {his} teacher.
unclear|*|{_sep}{mum} told me {c} feels frightened when {dad} comes to the door.
unclear|p s|According to {dad}, {c} misses {his} old friends in {prev_town}.
unclear|p s|{mum} believes {c} is more upset about the separation than {he} lets on.
unclear|p s|{mum} says {c} is anxious about going back to school.
unclear|*|{_c2young}{dad} said {c} feels left out since {c2} arrived.
unclear|b t|{mum} says {c} loves bath time and gets cross when it ends.
unclear|p s|{mum} told me {c} is "really worried" about her health.
unclear|*|{dad} thinks {c} is happier now that the family have moved.
unclear|p s|{mum} said {c} feels embarrassed about the state of the house and does not invite friends round.
unclear|t p|{mum} says {c} gets scared of the dark and wants the landing light on.
unclear|p s|{_c2}{dad} told me {c} feels {mum} favours {c2}.
unclear|p s|{_sep}{mum} told me {c} "hates" going to {dad}'s.
unclear|*|{_partner}{mum} says {c} is scared of {partner}, though she does not know why.
unclear|p s|{dad} said {c} has been "down in the dumps" since the move.
unclear|p s|{mum} feels {c} worries about her and does not like leaving her on her own.
unclear|p s|{mum} said {c} misses {his} grandad terribly.
unclear|p s|{_sep}{dad} believes {c} wants to live with him but is too scared to say so.
unclear|b t|{mum} says {c} is a contented baby who is only unhappy when hungry.
unclear|p s|{mum} told me {c} is "over the moon" about having {his} own bedroom.
unclear|p s|{mum} says {c} gets upset when other children talk about their dads.
unclear|*|{_sep}{dad} told me {c} feels safe with him and loves their weekends together.
unclear|p s|{mum} thinks {c} feels responsible for the arguments.
""")

NEG_HISTORY = parse_bank("""
gap_none|*|Family history was not explored during this assessment.
gap_none|*|It was not possible to gather a family history because {mum} declined to talk about her background.
gap|*|{dad}'s background is not known.
gap_part|*|No chronology has been completed.
gap_part|*|Background information is limited.
gap_part|*|Previous records were requested from {council2} but have not yet arrived.
gap_part|*|{_partner}Police checks on {partner} have been requested and are awaited.
gap|*|The parents' own childhoods were not discussed.
gap_none|*|The family history section has not been completed.
gap|*|{dad} did not take part in the assessment, so his history is unknown.
gap_part|*|No checks were made with the previous local authority.
bare|*|Past concerns were considered.
bare|*|Because of the history, the case was allocated to a senior practitioner.
bare|*|Historical information was reviewed as part of this assessment.
medical|b t p|{c}'s birth history was unremarkable and {he} was born at full term.
medical|*|{mum}'s medical history includes type 2 diabetes.
medical|b t|{c}'s growth has been plotted and follows the 50th centile.
medical|s|A search of the internet history on the family computer found nothing of concern.
medical|t p|{c} has a history of ear infections and has had grommets fitted.
present|*|{_together}{mum} and {dad} share the care of the children and both work shifts.
present|p s|{_sep}{c} has contact with {dad} at the contact centre every Saturday.
present|p s|A friend {mum} knows from the school gate helps with childcare.
present|*|{_sep}{dad} now lives with a new partner in {prev_town}.
present|*|The family are currently on the housing register waiting to move.
present|*|{mum} is studying part-time for a childcare qualification.
bare|*|Given the history, these concerns are taken seriously.
bare|*|The history of concerns is relevant to the current referral.
bare|*|In light of the family's history, a cautious approach is recommended.
bare|*|Historical concerns were noted.
bare|*|There is a long history here.
bare|*|The family's history has been taken into account in reaching this decision.
medical|*|{c}'s immunisation history is up to date.
medical|*|{c} has no significant medical history.
medical|p s|{c}'s medical history includes eczema, which is managed with creams prescribed by the GP.
medical|s|A check of the browsing history on {c}'s tablet showed searches about self-harm.
medical|b t|{c}'s immunisations are up to date and {his} growth is following the 25th centile.
present|*|The family live in {home}.
present|*|{mum} works part-time as a cleaner at the hospital in {town}.
present|p s|{gran} lives ten minutes away and collects the children from school on Wednesdays.
present|p s|{_sep}{c} sees {dad} every other weekend and stays over on Saturday nights.
present|*|{mum} currently receives Universal Credit and Child Benefit.
present|*|{mum} has a supportive group of friends from her work.
present|*|{_together}{dad} works as a delivery driver and leaves the house at six most mornings.
present|*|{_flat}The flat is cramped and there is nowhere for the children to play outside.
present|*|{mum} is registered with {gp_practice} and sees the practice nurse about her asthma.
present|*|{mum} attends a weekly coffee morning at the {hub}.
""")

NEG_VOICE = parse_bank("""
gap|*|{c} was not seen alone during this assessment.
gap_none|*|{c}'s views were not obtained.
gap_none|p s|It was not possible to gather {c}'s wishes and feelings because {he} was absent from school on the days I visited.
gap_none|*|{c} was not seen during the assessment period.
gap_none|p s|{c} has not yet been spoken to about the referral.
gap_none|*|Views of the child will be gathered at the next visit.
gap|p s|Direct work with {c} has not been completed.
other|p s|School report that {c} has been disruptive in class and has had two detentions this half term.
other|t p|{gran} says {c} has started wetting the bed again.
other|t|Nursery staff describe {c} as quiet and withdrawn.
other|p s|{teacher} reports that {c} is often tired and hungry in the mornings.
other|t p|{mum} says {c} has had fewer tantrums since the move.
other|p s|{dad} reports that {c} has been getting into fights at school.
other|s|The police reported that {c} was found in a stairwell with two older boys at 1am.
other|t p|The health visitor noted that {c} has not been brought to two appointments.
other|t p|{mum} reports that {c} has been having tantrums at bedtime.
other|t|The childminder says {c} has been biting other children.
other|p s|{c}'s football coach says {he} has been a different child since the summer.
other|p s|Teachers report that {c} has been falling asleep in class.
other|p|{_sep}{gran} describes {c} as clingy and unsettled after weekends at {dad}'s.
other|s|The youth worker reports that {c} has been missing sessions.
gap|p s|No direct work was undertaken with the children.
gap|*|I did not have the opportunity to see {c} alone.
gap_none|*|Wishes and feelings were not recorded.
opinion|*|The school nurse believes {c} needs a referral to the sleep clinic.
opinion|p|It is the social worker's view that {c} would benefit from play therapy.
opinion|p s|{teacher} feels {c} needs more structure at home.
opinion|*|{c} is likely to need support with {his} emotional wellbeing for some time.
opinion|*|Professionals consider that {c}'s needs are being neglected.
opinion|*|In my view {c} needs consistent routines and clear boundaries.
opinion|*|{c} needs a stable home where the adults put {his} needs first.
opinion|p s|The paediatrician has recommended an assessment for ADHD.
opinion|*|{c} would benefit from a referral to CAMHS.
opinion|*|Professionals agree that {c} would benefit from a mentor.
opinion|*|{c}'s needs are being met in most areas but {his} emotional needs are not.
""")

FILLER = {
    "health": parse_bank("""
x|*|{c} is registered with {gp_practice} and has no outstanding health appointments.
x|b t|{c}'s twelve-month review was completed by the health visitor and {his} development is within the expected range.
x|p s|{c} is due a dental check-up and the family have been given a list of practices taking NHS patients.
x|t p s|{c} has asthma and uses a brown and a blue inhaler.
x|p s|{c} is a healthy weight for {his} height.
x|s|{c} has recently been referred to the school nurse for advice about sleep.
x|*|There are no concerns about {c}'s hearing or vision.
x|t p|{c} has a speech delay and is on the waiting list for speech and language therapy.
x|*|{c} takes daily medication for epilepsy, which {mum} manages well.
x|b|{c} is fed formula and is gaining weight as expected.
x|p s|{c} wears glasses but often leaves them at home.
x|s|{c} has been seen by the school nurse about low mood and has been given information about online support.
x|*|{c} is overdue for {his} routine vaccinations and {mum} has been given the surgery's number to book them.
"""),
    "education": parse_bank("""
x|p s|{c} attends {school}, where {his} attendance this year is {attend}%.
x|p s|{c} is working below the expected level in reading and writing and has extra phonics sessions.
x|s|{c} is in Year {year_group} at {school} and is predicted to pass most of {his} GCSEs.
x|t|{c} attends {nursery} for fifteen funded hours a week.
x|p s|The school have put in place a pastoral plan and a quiet space {c} can use at break times.
x|p s|{c} has an Education, Health and Care plan for speech, language and communication needs.
x|s|{c} has had one fixed-term suspension this year for leaving site without permission.
x|p|{c} is in Year {year_group} and the school describe {his} progress as steady.
x|p s|{c} receives free school meals and a uniform grant.
x|s|{c} has a part-time timetable while the school arranges extra support.
x|p|The school have set up a daily check-in with a teaching assistant.
x|p s|{c} is on the special educational needs register for literacy.
x|t|{c} is due to start in Reception in September and a place has been offered at {nursery}'s partner school.
"""),
    "housing": parse_bank("""
state|*|The home was warm, clean and adequately furnished at each visit.
garden|*|{_house}The back garden is fenced and the children play there in the summer.
state|*|There were bin bags in the hallway and a strong smell of smoke on the first visit.
x|*|The landlord has agreed to repair the damp in the back bedroom.
x|*|The household income is Universal Credit, Child Benefit and {mum}'s wages.
x|*|There are rent arrears of about four hundred pounds, and a repayment plan is in place.
garden|*|{_house}The garden is overgrown and contains broken furniture.
x|*|The kitchen cupboards and fridge had enough food for the next few days.
x|*|{mum} receives Personal Independence Payment and carer's allowance is being applied for.
x|*|The family have a car, which {mum} uses for the school run.
x|*|The children share a bedroom and each has their own bed.
x|*|Energy bills are paid by prepayment meter and the family often run out of credit at the weekend.
"""),
    "parenting": parse_bank("""
pos|*|{mum} has a clear understanding of the children's routines and their health needs.
x|*|{mum} accepts that the home conditions have slipped and has agreed to work with the family support worker.
x|*|{dad} minimises the seriousness of the concerns and says the referral was "malicious".
pos|*|{mum} was open and honest throughout the assessment and answered every question put to her.
pos|*|Both parents attended all planned appointments during the assessment.
x|*|{mum} finds it hard to set boundaries and says she "gives in for a quiet life".
pos|*|{mum} understands why the school were worried and did not argue with the referral.
pos|*|{_together}{dad} is now working full-time and does most of the school runs.
pos|*|{mum} is taking prescribed antidepressants and says they help.
x|*|The parents disagree about discipline and argue about it in front of the children.
pos|*|{mum} has accepted a place on a parenting course and has already attended the first session.
x|*|{mum} says she feels judged by professionals and finds meetings difficult.
pos|*|{mum} keeps a calendar of appointments on the fridge and has not missed any since the referral.
x|*|{mum} acknowledges that she sometimes shouts when she is tired.
pos|*|{mum} was able to describe what she would do differently if the incident happened again.
"""),
    "professionals": parse_bank("""
x|*|Information for this assessment was gathered from the school, the GP, the health visitor and the police.
x|*|The health visitor, {hv}, has no concerns about the home but is worried about {mum}'s mood.
x|*|{dsl}, the designated safeguarding lead at {school}, contributed to this assessment.
x|*|The GP surgery confirmed that the family are registered and attend appointments.
x|*|A strategy discussion was held on {dref} with the police and health.
x|*|The family support worker from the {hub} attended two of the home visits.
x|*|Checks were made with the police, the GP, health visiting and education.
x|*|{mum} gave consent for information to be shared with the agencies involved.
x|*|The paediatrician's report was received on {dref}.
x|*|Housing provided information about the tenancy and the rent account.
"""),
    "analysis": parse_bank("""
x|*|The main risk to {c} is that the adults around {him} are not able to keep {him} safe consistently.
x|*|There are clear strengths in this family, including {mum}'s warmth and her willingness to accept help.
x|*|The concerns are serious but the parents have shown they can make changes when supported.
sig|*|If nothing changes, {c} is likely to continue to experience harm.
x|p s|The protective factors are {gran}'s involvement and {c}'s good attendance at school.
cin|*|The level of need meets the threshold for a statutory service.
sig|*|There is a risk that the situation will deteriorate without a clear plan and regular review.
low|*|The evidence does not suggest that {c} is at risk of significant harm at this time.
x|*|What needs to change is that the adults keep conflict away from the children and ask for help early.
cin|*|This assessment has found that {c} is a child in need under section 17 of the Children Act 1989.
x|*|The family need help with practical matters as much as with parenting.
x|*|The concerns are about the consistency of care rather than a single incident.
sig|*|Without change, the cumulative impact on {c} is likely to be significant.
x|*|The parents' capacity to change is uncertain but they have engaged well so far.
low|*|The family are managing day-to-day care and the concerns can be met through universal and early help services.
x|*|The family's strengths outweigh the concerns in most areas of {c}'s life.
"""),
    "outcome": parse_bank("""
cin|*|The outcome of the assessment is a Child in Need plan.
cin|*|A Child in Need plan will be agreed with the family at a meeting within ten working days.
eh|*|The case will be stepped down to Early Help with the family's agreement.
eh|*|A family support worker from the {hub} will continue to work with the family under an Early Help plan.
cp|*|A strategy discussion is recommended, with a view to a section 47 enquiry.
cp|*|The recommendation is an initial child protection conference.
nfa|*|No further action is required from children's social care, and universal services will continue to offer support.
nfa|*|The case will close with advice to the family about where to go for help.
x|*|The family have agreed to the outcome and will be given a copy of this assessment.
"""),
    "contingency": parse_bank("""
x|*|If the plan is not working, the core group will consider whether a legal planning meeting is needed.
x|*|Any further incident will lead to a call to the police and a multi-agency strategy meeting.
x|*|If {mum} becomes unwell, {gran} has agreed to look after the children.
x|*|If the concerns increase, the plan will be reviewed early.
x|*|Where there is little progress by the review date, the team manager will decide the next steps.
x|s|If {c} goes missing, {mum} will report this to the police straight away.
x|*|Should the family stop engaging, a further assessment will be completed.
x|*|If the children are at risk of immediate harm, the police will be called.
x|*|If {mum} cannot care for the children, the family network will be asked to help before any other option is considered.
x|*|If there is no progress by the first review, the level of intervention will be considered.
"""),
}


# ---------------------------------------------------------------------------------------------
# Themes: why the family is known, what needs to change, and the plan tasks that fit.
# Task lines: 'group|spec|tk|infinitive|agentless passive'. tk: once, rec, any, cond (a rule or
# condition with no checkable when), or '=<substring>' when the when is written into the task.
# ---------------------------------------------------------------------------------------------

def parse_tasks(block: str) -> list[dict]:
    out = []
    for raw in block.strip().splitlines():
        raw = raw.strip()
        if not raw or raw.startswith("#"):
            continue
        group, spec, tk, inf, pas = (raw.split("|") + [""])[:5]
        bands = "*"
        if "[" in group:
            group, bands = group[:-1].split("[")
        out.append({"group": group, "bands": bands, "spec": spec == "1", "tk": tk, "inf": inf,
                    "pas": pas})
    return out


GENERIC_TASKS = parse_tasks("""
sw[t p s]|1|rec|visit the family at home and see {c} on {his} own|Home visits to be made and {c} seen on {his} own
sw[b]|1|rec|visit the family at home and see {c} awake and out of {his} cot|Home visits to be made and {c} seen awake
sw[p s]|1|rec|spend time with {c} using play and drawing to understand {his} day-to-day life|Play-based sessions to be held with {c} about {his} day-to-day life
sw|1|once|refer the family to the {hub} for a family support worker|A referral to the {hub} to be made for a family support worker
sw|1|once|complete a chronology of significant events|A chronology of significant events to be completed
sw|1|once|give both parents a copy of this plan and go through it with them|Copies of the plan to be given to both parents
sw|1|once|arrange a family network meeting with {gran} and other relatives|A family network meeting to be arranged
sw|1|once|request the family's records from {council2}|Records to be requested from {council2}
sw|1|once|make a referral for a family group conference|A family group conference referral to be made
sw|0|any|keep in touch with the family and offer support|Support to be offered to the family
sw|0|any|monitor the situation and update the core group|The situation to be monitored
sw|1|once|complete a parenting assessment|A parenting assessment to be completed
sw[p s]|1|once|write to {c} explaining the plan in words {he} can understand|A letter explaining the plan to be written for {c}
tm|1|once|review the case in supervision and record a management decision|The case to be reviewed in supervision
parents|1|rec|take {c} to every health appointment and tell the social worker if one has to be rearranged|
parents|0|any|engage with professionals and be open and honest|
parents|0|any|work with the plan|
parents|1|rec|let the social worker see every room of the house on each visit|
parents|1|once|sign the consent forms so that agencies can share information|Consent forms to be signed
parents|0|any|prioritise the children's needs|
parents|1|once|complete the 10-week {parenting_prog}|
all|0|any|pass on any worries about the children to the allocated worker|
all|0|any|keep {c} safe|
all|1|once|send written reports to the social worker ahead of the review|
all|0|any|work together to support the family|
recv[t p]|1|once||{c} to be offered six sessions of play therapy
recv[p s]|1|once||{c} to have a health assessment with the school nurse
recv[p s]|1|rec||{c} to be seen alone by the allocated worker
recv[p s]|0|any||{c} to be supported in school
recv[p s]|1|once||{c} to be given a named adult at school to go to
recv[p]|1|rec||{c} to have a place at breakfast club
school|1|=at the start of each day|give {c} a check-in with a trusted adult at the start of each day|
school|1|rec|send the social worker {c}'s attendance figures|
school|0|any|monitor {c}'s attendance and presentation|{c}'s attendance and presentation to be monitored
school[p s]|1|once|refer {c} to the school counsellor|A referral to the school counsellor to be made for {c}
school|1|once|invite {mum} to a meeting to agree a support plan for {c}|
school|0|any|keep an eye on {c} and report any concerns|
school|1|rec|provide a written update on {c}'s progress|A written update on {c}'s progress to be provided
gp|1|once|review {mum}'s medication at a face-to-face appointment|
gp|1|once|send the social worker a summary of the family's health records|
hv|1|rec|visit {c} at home to check {his} weight and development|
hv|1|once|complete {c}'s overdue developmental review|{c}'s overdue developmental review to be completed
hv|0|any|support {mum} with parenting|
hv|1|once|give {mum} safe sleep advice and check where {c} sleeps|
nurse|1|once|see {c} for a health assessment in school|
fsw|1|rec|visit {mum} at home to set up and review a morning routine chart|
fsw|0|any|work with the family on routines and boundaries|
fsw|1|once|help {mum} complete a benefits check and apply to the household support fund|
sw|1|once|complete a ((genogram~family tree)) with {mum}|A genogram to be completed with the family
sw|1|once|visit {gran} to talk about what support she can offer|
sw|1|once|book an interpreter for every meeting with {mum}{_lang}|An interpreter to be booked for every meeting{_lang}
sw|1|rec|phone {mum} between visits to check how the week has gone|
sw|1|once|apply for a section 17 payment for school uniform|A section 17 payment to be requested for school uniform
sw|1|once|refer {c} to the ((holiday activities programme~local youth club~Saturday sports scheme))|A referral to be made for {c} to join the ((holiday activities programme~local youth club))
sw|0|any|continue to assess the situation|The situation to be kept under review
sw|0|any|support {mum} to make positive changes|
tm|1|once|chair a review of the plan with the social worker|
parents|1|rec|attend every core group meeting and tell the social worker in advance if they cannot make it|
parents|1|rec|keep a diary of {c}'s sleep and meals and bring it to each visit|
parents|1|once|give the social worker the names of family members who could help|
parents|0|any|improve their parenting|
parents|0|any|continue to make progress|
parents|1|cond|tell the social worker straight away if anyone new moves into the house|
mum|1|once|book and attend an appointment with the housing options team|
mum[b t]|1|rec|take {c} to the stay-and-play session at the {hub}|
mum|0|any|build her confidence|
dad|1|rec|see {c} at the contact centre as arranged{_sep}|
dad|1|once|give the social worker his new address{_sep}|
dad|0|any|be more involved in {c}'s life|
school[p s]|1|once|complete a ((Boxall profile~strengths and difficulties questionnaire)) for {c}|
school|1|=at the end of each day|let {mum} know at the end of each day how {c} has been|
school[p]|1|once|add {c} to the ((nurture group~lunchtime club)) list|
school|0|any|continue to support {c} and the family|
gp|1|once|see {c} for a general health check|
hv|1|once|complete an ages and stages questionnaire with {mum}|
hv|1|rec|see {mum} at the baby clinic to check how she is coping|
nurse|1|once|offer {c} an appointment about ((sleep~emotional wellbeing~healthy eating))|
fsw|1|rec|help {mum} set up a bedtime routine and check how it is going|
fsw|1|once|go with {mum} to her ((food bank~Citizens Advice~job centre)) appointment|
fsw|0|any|support the family with whatever they need|
police|1|cond|share any new incidents at the address with the social worker|
recv[p s]|1|once||{c} to be referred to the ((school counsellor~online counselling service~mentoring scheme))
recv[p s]|1|=every half term||{c} to be seen by the school nurse every half term
recv[t]|1|once||{c} to have a funded place at {nursery} for fifteen hours a week
all|0|any|communicate with each other|
all|1|rec|attend every core group meeting|
all|0|any|keep the plan under review|
""")

THEMES: dict[str, dict] = {}


def theme(key, types, ages, cat, reason, worry, change, analysis, tasks):
    """Theme lines may start with '@cv ' (the child's words: child_voice) and/or '[bands] '."""
    THEMES[key] = dict(key=key, types=set(types.split()), ages=ages, cat=cat,
                       reason=[s.strip() for s in reason.strip().splitlines() if s.strip()],
                       worry=[s.strip() for s in worry.strip().splitlines() if s.strip()],
                       change=[s.strip() for s in change.strip().splitlines() if s.strip()],
                       analysis=[s.strip() for s in analysis.strip().splitlines() if s.strip()],
                       tasks=parse_tasks(tasks))


theme("da", "assessment cp_plan cin_plan", (0, 15), "Emotional abuse", """
The police attended the family home on {dref} after a neighbour heard screaming, and {mum} had a cut above her eye.
{mum} told officers that {dad} had taken her phone so that she could not call for help.
[t p s] {c} was at home during the incident and was found by officers sitting on the stairs.
{dad} was arrested and released on bail with conditions not to contact {mum}.
The DASH risk assessment completed by the police was graded high risk.
""", """
{c} is living in a home where the adults hurt each other.
{mum} may let {dad} back into the home before it is safe.
[t p s] The violence at home is likely to be affecting {c}'s sleep and emotional wellbeing.
[p s] There is a risk that {c} could be hurt if {he} tries to intervene.
""", """
{c} will grow up without hearing or seeing violence at home.
{mum} will understand how the abuse has affected the children and how to keep them safe.
Any contact between {c} and {dad} will be safe and planned.
""", """
The pattern of incidents is escalating, and the most recent one was the most serious.
{mum} is beginning to recognise the impact of the abuse on the children.
""", """
mum|1|rec|attend the 12-week {da_course} at the {hub}|
mum|1|once|complete a safety plan with her worker from {da_service}|A safety plan to be completed
mum|1|once|apply for a non-molestation order with help from {da_service}|
sw|1|once|share the contact risk assessment with both parents|
school[p s]|1|cond|phone the social worker the same day if {c} talks about what happens at home|
mum|1|cond|call 999 if {dad} comes to the house|
mum|0|any|engage with {da_service}|
mum|0|any|ensure {dad} does not come to the family home|
dad|1|rec|attend the {perp_prog} sessions|
dad|1|cond|have no contact with {mum} other than through the contact centre|
dad|1|once|complete the referral form for the {perp_prog}|
dad|0|any|work on managing his anger|
sw|1|once|complete a DASH risk assessment with {mum}|A DASH risk assessment to be completed
sw|1|once|refer {mum} to MARAC|A MARAC referral to be made
da|1|rec|offer {mum} one-to-one support sessions|
police|1|once|put a marker on the address so that any call is treated as urgent|A marker to be placed on the address
police|1|once|tell the social worker the outcome of the investigation|
parents|0|any|work on their communication|
sw|1|once|complete a contact risk assessment before any contact with {dad} starts|A contact risk assessment to be completed
dad|1|once|complete the 26-week {perp_prog}|
""")

theme("neglect", "assessment cp_plan cin_plan", (0, 13), "Neglect", """
[t p s] The {setting} raised concerns on {dref} that {c} had come in wearing the same clothes all week and smelling strongly of urine.
At the home visit there was very little food, dirty nappies on the floor and a broken window in the children's room.
{c} has missed a number of health appointments, including {his} last two dental checks.
[b t] The health visitor reports that the home conditions have deteriorated since the summer.
[p s] Staff have seen {c} asking classmates for food at break time and eating very quickly at lunch.
""", """
The home is dirty and unsafe, with rubbish piled up in the kitchen and living room.
{c} is often hungry and does not always have clean clothes.
{c}'s health needs are not being met.
The adults do not always notice when {c} needs help.
""", """
The home will be clean, safe and warm, with working smoke alarms.
{c} will have regular meals and clean clothes every day.
{c} will go to all of {his} health appointments.
[t p s] {c} will be at {setting} on time every day.
""", """
The neglect has built up over a long period and has become normal for the family.
{mum} can make changes for short periods but needs help to keep them going.
""", """
parents|1|once|clear the rubbish bags from the garden and the hallway|The rubbish bags to be cleared from the garden and hallway
mum|1|once|buy a bed and mattress for {c} with the grant from the welfare fund|A bed and mattress to be bought for {c}
mum[t]|1|=by 9am every weekday|take {c} to nursery by 9am every weekday|
mum[p]|1|=every school morning|walk {c} to school every school morning|
mum|0|any|improve the home conditions|Home conditions to be improved
parents|0|any|ensure the children are fed and clean|
hv|1|rec|weigh {c} and record it in {his} red book|
fsw|1|rec|do a food shop with {mum} using a meal plan they write together|
fire|1|once|visit to check the home for fire risks and install working smoke detectors|A fire risk visit to be made and smoke detectors installed
sw|1|once|apply to the household support fund for bedding and a cooker|An application to be made to the household support fund for bedding and a cooker
school[p]|1|rec|offer {c} a free place at breakfast club|
mum|1|once|register {c} with {gp_practice}|{c} to be registered with {gp_practice}
mum|1|once|book {c} a dental check-up|A dental check-up to be booked for {c}
parents|1|=by 8pm on school nights|put the children to bed by 8pm on school nights|
mum|1|once|get the broken window in the children's room repaired|The broken window in the children's room to be repaired
hv|1|once|give {mum} a ((stair gate~fireguard~cot)) from the equipment scheme|
parents|1|cond|keep cleaning products and medicines in a locked cupboard|
mum|1|rec|wash and dry the children's school uniforms|
parents|0|any|keep the house clean and tidy|
mum|1|any|keep going to the weekly drop-in at the {hub}|
""")

theme("substance", "assessment cp_plan cin_plan", (0, 15), "Neglect", """
[b t] {mum} was found by the police on {dref} asleep in the park with {c} in the pushchair beside her, and she smelt of alcohol.
[t p] The {setting} reported that {dad} arrived to collect {c} appearing intoxicated and was unsteady on his feet.
Drug paraphernalia, including foil and a lighter, was seen on the living room table during the home visit.
@cv [p s] {c} told a lunchtime supervisor that {his} dad "takes tablets to sleep all day".
Both parents accept that they have been using cannabis daily.
""", """
The adults' drinking and drug use means they are not always able to look after {c} safely.
{c} could find and swallow drugs or medication left around the house.
{c} may be left without a sober adult, especially at night.
Money is being spent on drugs rather than on food and bills.
""", """
There will always be a sober adult looking after {c}.
Drugs and alcohol will be kept out of the house or locked away.
The parents will be honest about their use and will show this through testing.
""", """
The parents' substance use is entrenched, and stopping will need specialist help.
There is a reasonable chance of change because both parents have asked for help themselves.
""", """
mum|1|rec|provide a urine sample for drug testing at her key-work appointments|
dad|1|once|attend an assessment at {drug_service}|
parents|1|cond|not drink any alcohol while either of them is the only adult looking after the children|
mum|1|rec|attend her key-work sessions at {drug_service}|
sw|1|once|arrange hair strand tests for both parents|Hair strand tests to be arranged for both parents
parents|1|once|agree with {gran} that she will care for the children on any night they plan to drink|
parents|0|any|reduce their drinking|
dad|0|any|address his substance misuse|
drugs|1|rec|send the social worker attendance and test results|
mum|1|cond|keep her methadone in the locked box out of the children's reach|
dad|1|cond|not have any drugs or drug equipment in the house|
parents|1|once|agree a safety plan that names a sober adult for every night of the week|
drugs|1|once|complete a recovery plan with {dad}|
mum|1|cond|not use cannabis in the house or in front of the children|
parents|0|any|be honest about their use|
""")

theme("mh", "assessment cp_plan cin_plan", (0, 16), "Neglect", """
{mum} was taken to hospital on {dref} after taking an overdose while the children were at school.
The GP has contacted children's services because {mum} has stopped taking her medication and is not leaving the house.
[p s] {c} has been late or absent from school on most days this month, and {mum} says she cannot get out of bed in the mornings.
[b t] The health visitor is worried that {mum}'s mood is affecting how she responds to {c}.
{mum} has told her GP that she hears voices telling her the children are in danger.
""", """
{mum}'s mental health means she is sometimes not able to look after {c}.
{c} may be stepping into an adult role at home.
There is no plan for who looks after {c} if {mum} becomes unwell suddenly.
""", """
{mum} will be getting the right treatment for her mental health.
There will be a clear plan for who cares for {c} if {mum} becomes unwell.
{c} will understand {mum}'s illness in a way that fits {his} age.
""", """
{mum} is a loving parent whose illness, when it is not treated, makes it very hard for her to meet the children's needs.
When {mum} is well, the care she gives is good enough.
""", """
mum|1|once|book a GP appointment to discuss her mood and whether her medication is working|
gp|1|once|refer {mum} to {mh_service}|A referral to {mh_service} to be made
mum|1|rec|attend her appointments with {mh_service}|
parents|1|once|agree in writing who will look after the children if {mum} needs to go into hospital|
family|1|rec|have the children for tea and help with bedtime|
mum|0|any|look after her mental health|
cmht|1|once|complete a mental health assessment of {mum}|A mental health assessment to be completed
mum|1|cond|tell the social worker or her GP if she has thoughts of harming herself|
mum|0|any|ensure she takes her medication|
mum|1|once|write a relapse plan with her care coordinator|
cmht|1|rec|visit {mum} at home|
family|1|cond|step in and care for the children if {mum} is admitted to hospital|
school|1|once|refer {c} to the ((Kites~Hummingbird~Tiger Club)) group for children whose parents have mental health needs|
""")

theme("injury", "assessment cp_plan", (0, 11), "Physical abuse", """
[t p] {c} arrived at {setting} on {dref} with a bruise to {his} cheek that neither parent could explain.
[b] {c} was brought to the GP on {dref} with a bruise to {his} ear that neither parent could explain.
[p s] A teacher noticed finger-tip bruising on {c}'s upper arm during PE.
{c} was taken to the emergency department with a fractured wrist, and the account given by the parents changed twice.
@cv [p s] {c} told the school that {dad} had hit {him} with a hairbrush because {he} would not go to bed.
The child protection medical found several bruises of different ages on {c}'s back.
""", """
{c} has been hurt and we do not know how.
The adults may use physical punishment when they are stressed.
{c} may be too frightened to tell anyone if {he} is hurt again.
""", """
{c} will not be hit or hurt by anyone.
The parents will use safe ways to manage {c}'s behaviour.
Any injury will be explained and seen by a doctor straight away.
""", """
The explanations given for the injury are not consistent with the medical findings.
The parents are under a lot of stress and have little support from family.
""", """
parents|1|once|give a full account of how {c} was injured to the paediatrician|
sw|1|once|arrange a child protection medical|A child protection medical to be arranged
parents|1|cond|not use physical punishment of any kind|
parents|1|rec|attend the {parenting_prog}|
paed[b t]|1|once|complete a skeletal survey and share the results with the social worker|A skeletal survey to be completed
sw|1|once|complete a viability assessment of {gran} as a safety carer|A viability assessment of {gran} to be completed
family|1|cond|supervise all of {dad}'s time with {c}|
parents|0|any|manage {c}'s behaviour appropriately|
parents|1|once|meet the paediatrician to go through the medical findings|
sw|1|once|agree a written safety plan with the family|A written safety plan to be agreed with the family
school|1|cond|record any marks on a body map and send it to the social worker the same day|
hv|0|any|keep an eye on {c}'s presentation|
school[p]|1|=at the start of the school day|check {c} for marks or injuries at the start of the school day|
""")

theme("cce", "assessment cp_plan cin_plan", (12, 17), "Physical abuse", """
{c} has been reported missing four times since {dref}; the last time, police picked {him} up forty miles away with money {he} could not account for.
The police believe {c} is being used to carry drugs for an organised group.
{c} has been excluded for carrying a knife in school.
{c} has been seen getting into cars with older males outside the school gates.
{mum} found a large amount of cash hidden in {c}'s bedroom.
""", """
{c} is being criminally exploited and could be seriously hurt.
{c} is going missing and nobody knows where {he} is.
{c} may be carrying weapons to protect {himself}.
""", """
{c} will be home every night and will not go missing.
{c} will have trusted adults and activities that keep {him} away from the people exploiting {him}.
{c} will be back in full-time education.
""", """
{c}'s vulnerability has increased since {he} lost {his} place at school.
The harm is happening outside the home and {mum} is trying hard to protect {him}.
""", """
child|1|rec|meet {his} mentor from {youth} at the sports centre|
sw|1|once|submit a National Referral Mechanism referral|A National Referral Mechanism referral to be submitted
rhi|1|=within 72 hours of {his} return|offer {c} a return interview within 72 hours of {his} return each time {he} is found|A return interview to be offered within 72 hours of {his} return each time {he} is found
parents|1|cond|report {c} missing to the police as soon as {he} cannot be found|
school|1|once|set up a reduced timetable with a mentor for the first lesson each day|
mum|1|rec|check {c}'s room for unexplained cash, phones or clothes|
child|0|any|stay away from negative peers|
parents|0|any|keep {c} safe from exploitation|
sw|1|once|share the places where {c} has been found with the police exploitation team|
sw|1|once|arrange a multi-agency child exploitation meeting|A multi-agency child exploitation meeting to be held
youth|1|rec|take {c} to the boxing club|
parents|1|once|give the police a recent photograph of {c} for the missing persons file|
police|1|once|visit the address where {c} was found|
child|1|cond|keep {his} phone switched on when {he} is out|
child|1|any|carry on going to the Tuesday boxing club, which {he} has attended since {past_short}|
""")

theme("carer", "assessment cin_plan", (8, 16), "Neglect", """
The school contacted children's services on {dref} because {c} has been late most mornings and falling asleep in class.
{mum} has a long-term health condition and relies on {c} to help her wash and dress.
{c} has been doing the family's shopping and cooking most evenings.
@cv {c} told a teacher that {he} has to give {mum} her medication before school.
""", """
{c} is doing more caring than a child of {his} age should.
{c}'s education and friendships are suffering.
{mum} does not have enough care and support of her own.
""", """
{mum} will have the care she needs from adult services.
{c} will have time to be a child, to see friends and to do activities.
{c} will be in school on time.
""", """
{c} is proud of helping {mum}, but {he} is tired, isolated and carrying more than a child should.
The family's needs are mainly practical and can be met with the right services.
""", """
carers|1|once|complete a young carer's assessment with {c}|A young carer's assessment to be completed with {c}
carers|1|rec|give {c} a place in a young carers' group|
sw|1|once|ask adult social care to review {mum}'s care package|
asc|1|once|reassess {mum}'s care and support needs, including help with washing and dressing|{mum}'s care and support needs to be reassessed
school|1|once|agree a time-out pass so {c} can ring home during the school day|
family|1|rec|collect {c2} from school|
parents|0|any|reduce {c}'s caring role|
mum|1|once|ask her GP for a referral to the falls clinic|
sw|1|once|help {mum} apply for a blue badge|
carers|1|rec|take {c} on young carers' trips in the school holidays|
school|1|once|agree with {c} a way to catch up on the work {he} has missed|
school|1|rec|give {c} a place at homework club|
""")

theme("school", "assessment cin_plan", (5, 15), "Neglect", """
{c}'s attendance is down to {attend}% and {he} has missed every day of the last three weeks.
The school have made repeated attempts to contact {mum} without success.
{c} has been excluded twice this term for aggressive behaviour towards staff.
{c} is awaiting an assessment for autism and struggles in a busy classroom.
{mum} says {c} refuses to get out of bed and she cannot make {him} go to school.
""", """
{c} is missing so much school that {he} is falling behind.
{c}'s needs in school are not understood or met.
{mum} does not feel able to manage {c}'s behaviour.
""", """
{c} will be in school every day, with the right support in place.
{c}'s additional needs will be assessed.
{mum} will feel confident managing {c}'s behaviour at home.
""", """
{c}'s non-attendance seems to be driven by anxiety rather than defiance.
{mum} is keen to get {c} back into school but needs practical help.
""", """
school|1|once|hold an attendance meeting with {mum}|
mum|1|=every school morning|walk {c} to the school gate every school morning|
school|1|once|request an Education, Health and Care needs assessment for {c}|An Education, Health and Care needs assessment to be requested for {c}
paed|1|once|see {c} in the neurodevelopmental clinic|
school|0|any|support {c} in class|
mum|0|any|ensure {c} attends school|
school|1|=by 9.30am|phone {mum} by 9.30am on any day {c} is absent|
school|1|once|agree a part-time timetable with {c}|
school|1|once|arrange a meeting with the educational psychologist|
mum|1|once|take {c} to the GP to talk about {his} anxiety|
child|1|rec|go to the homework club in the library|
""")

theme("disability", "assessment cin_plan", (3, 17), "Neglect", """
{mum} asked for help on {dref} because she is exhausted caring for {c}, who has severe autism and does not sleep.
{c} has cerebral palsy and needs help with all personal care.
The family have had no short breaks since the previous provider closed.
{c} has become more aggressive at home as {he} has grown bigger and stronger.
""", """
The family are at breaking point and there is a risk the care arrangement could break down.
{c}'s siblings are not getting enough time and attention.
{c} has no activities outside school.
""", """
The family will have regular short breaks.
{c} will have the equipment {he} needs at home.
{mum} will get enough sleep to keep caring safely.
""", """
This is a loving family whose needs arise from {c}'s disability rather than from any failure of care.
Without short breaks, the risk of family breakdown is high.
""", """
sw|1|once|complete the short breaks assessment|A short breaks assessment to be completed
respite|1|rec|provide an overnight short break for {c}|
paed|1|once|review {c}'s sleep medication|
ot|1|once|assess the home for a specialist bed and bath seat|An assessment for a specialist bed and bath seat to be completed
parents|1|once|complete the disability living allowance renewal form|
school|1|once|share {c}'s communication passport with the short breaks provider|
parents|0|any|continue to meet {c}'s care needs|
parents|1|once|apply for a direct payment so they can employ a personal assistant|
sw|1|once|refer the family to the ((sleep service~continence service))|A referral to the ((sleep service~continence service)) to be made
sw|1|once|refer {c} to the sensory impairment team|A referral to the sensory impairment team to be made for {c}
parents|1|rec|take {c} to the Saturday club at {respite}|
""")

theme("conflict", "assessment cin_plan", (13, 17), "Emotional abuse", """
@cv {c} turned up at the council offices on {dref} saying {he} had been thrown out after an argument with {mum}.
Police were called to the house on {dref} after an argument between {c} and {mum} in which {mum} was pushed.
{c} has been staying with different friends for the last fortnight.
{mum} says she can no longer cope with {c}'s behaviour and wants {him} to be accommodated.
""", """
{c} could become homeless or end up staying with unsafe adults.
Arguments at home are getting more physical.
{c} and {mum} have stopped talking to each other.
""", """
{c} will have a safe place to live.
{c} and {mum} will be able to talk without the arguments getting out of hand.
{c} will be in education or training.
""", """
The relationship between {c} and {mum} is strained and both of them feel unheard.
Both {c} and {mum} say they want things to be better.
""", """
fsw|1|once|hold a mediation session at the {hub}|A mediation session to be held at the {hub}
child|1|=by 10pm from Sunday to Thursday|be back home by 10pm from Sunday to Thursday|
parents|1|=each Friday|give {c} pocket money each Friday for agreed jobs|
housing|1|once|complete a housing options interview with {c}|
child|0|any|try to get on better with {mum}|
parents|0|any|work on their relationship with {c}|
child|1|rec|go to {his} college course|
child|1|rec|check in with {his} key worker at the {hub}|
mum|1|cond|not lock {c} out of the house|
sw|1|once|arrange a family group conference|A family group conference to be arranged
sw|1|once|refer {c} to the advocacy service|A referral to the advocacy service to be made for {c}
""")

theme("online", "assessment cp_plan", (10, 16), "Sexual abuse", """
{c} was found to have been sending images to an adult {he} met online, and the police are investigating.
The school found messages on {c}'s phone from an unknown adult asking to meet.
{mum} discovered that {c} had been talking to older men on a gaming platform late at night.
""", """
{c} has been groomed online and may still be in contact with the adult.
There is a risk that {c} does not recognise what happened as abuse.
The adults at home do not know how to keep {c} safe online.
""", """
{c} will be safe online and will not be in contact with the adult.
{c} will understand what grooming is and who to tell.
The parents will know what {c} is doing online.
""", """
{c}'s isolation at school may have made {him} more open to attention from strangers online.
The parents responded quickly once they knew, which is a strength.
""", """
parents|1|once|set up parental controls on {c}'s phone and tablet|Parental controls to be set up on {c}'s phone and tablet
parents|1|cond|keep all devices downstairs overnight|
school|1|once|deliver an online safety session to {c}'s class|
police|1|once|complete the investigation and update the social worker|
nurse|1|once|offer {c} a confidential appointment|
child|1|rec|meet {his} counsellor at school|
parents|0|any|monitor {c}'s internet use|
parents|1|once|attend the online safety workshop for parents at {school}|
child|1|cond|block and report anyone who asks {him} for pictures|
""")

theme("emotional", "assessment cp_plan", (4, 14), "Emotional abuse", """
@cv [p s] {c} told a teacher on {dref} that {he} is called "stupid" and "a waste of space" at home.
Neighbours have reported hearing {c} being screamed at most evenings.
{c} is regularly made to stand in the hallway for long periods as a punishment.
{c}'s siblings are treated very differently and {c} is excluded from family outings.
""", """
{c} is being spoken to in a way that is damaging {his} self-esteem.
{c} is being punished in ways that frighten and humiliate {him}.
""", """
{c} will be spoken to kindly and will feel valued at home.
The parents will use fair, safe boundaries.
""", """
The parents find it hard to show warmth and need help to understand what {c} needs from them.
{c}'s low self-esteem is already showing in school.
""", """
parents|1|rec|attend the {parenting_prog}|
parents|1|cond|not call {c} names or compare {him} with other children|
dad|1|once|attend an assessment for the anger management group|
camhs|1|once|assess {c} at a CAMHS appointment|
parents|0|any|show {c} more warmth|
parents|1|=every day|spend fifteen minutes playing with {c} every day without phones|
sw|1|once|share the findings of the direct work with both parents|
sw[p s]|1|rec|do life story work with {c}|
parents|1|=every day|praise {c} for something every day|
""")

# First-person items for family safety plans: 'group|spec|tk|text'.
FIRST_PERSON = [dict(zip(("group", "spec", "tk", "text"), ln.split("|"))) for ln in """
mum|1|once|I will go to my GP about my sleep and my mood
mum|1|rec|I will go to my group at the {hub}
mum|1|cond|I will not let {dad} into the house{_sep}
mum|1|cond|I will ring {gran} if I feel I can't cope
mum|0|any|I will try to stay calm
mum|1|cond|I will keep the children's bedtime at 7.30pm
mum|1|once|I will ring the housing team about the damp
mum|1|cond|I will keep my tablets in the locked box
mum|1|rec|I will go to the Wednesday group with {c}
dad|1|once|I will do the parenting course the social worker told me about
dad|1|cond|I will leave the house if I feel myself getting angry
family|1|rec|I will take {c} to school
child|1|rec|I will go to homework club
child|1|cond|I will text Mum if I am going to be late
child|0|any|I will try harder at school
dad|1|rec|I will go to my sessions at {drug_service}
dad|1|cond|I will not drink when I am looking after the children
dad|1|rec|I will pick {c} up from school
dad|0|any|I will be a better dad
family|1|rec|I will have the children for tea
family|1|cond|I will stay over if {mum} is poorly
child|1|cond|I will tell {teacher} if I feel worried about home
child|1|rec|I will go to my football training
child|0|any|I will try to be calmer at home
""".strip().splitlines()]
for _fp in FIRST_PERSON:
    _fp["spec"] = _fp["spec"] == "1"


# ---------------------------------------------------------------------------------------------
# Dates and the family context
# ---------------------------------------------------------------------------------------------

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def f_dmy(d): return f"{d.day:02d}/{d.month:02d}/{d.year}"
def f_dmy2(d): return f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}"
def f_dots(d): return f"{d.day:02d}.{d.month:02d}.{d.year % 100:02d}"
def f_long(d): return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
def f_dmname(d): return f"{d.day} {MONTHS[d.month - 1]}"
def f_short(d): return f"{d.day} {MONTHS[d.month - 1][:3]}"
def f_dm(d): return f"{d.day:02d}/{d.month:02d}"


DATE_STYLES = {"dmy": f_dmy, "dmy2": f_dmy2, "dots": f_dots, "long": f_long, "short": f_short,
               "dmname": f_dmname}

OUTCOME_LABELS = {
    "da": ["Safety from abuse", "Safe contact", "Emotional wellbeing", "Mum's safety"],
    "neglect": ["Home conditions", "Health needs", "Basic care", "Education"],
    "substance": ["Parental substance use", "Safe care", "Health", "Supervision"],
    "mh": ["Parental mental health", "Contingency care", "Child's wellbeing", "Routine"],
    "injury": ["Safety from physical harm", "Safe parenting", "Health", "Family support"],
    "cce": ["Missing episodes", "Exploitation", "Education", "Positive activities"],
    "carer": ["Caring role", "Education", "Time for me", "Mum's care"],
    "school": ["Attendance", "Additional needs", "Behaviour at home", "Learning"],
    "disability": ["Short breaks", "Equipment", "Family resilience", "Health"],
    "conflict": ["Accommodation", "Family relationships", "Education", "Safety"],
    "online": ["Online safety", "Emotional wellbeing", "Supervision", "Health"],
    "emotional": ["Emotional warmth", "Safe boundaries", "Self-esteem", "Health"],
}


def _person(rng, culture, key):
    return rng.choice(CULTURES[culture][key])


def _pro(rng, used: set) -> str:
    """A professional's name whose first name and surname are both new to the document."""
    for _ in range(50):
        first, sur = rng.choice(PRO_FIRST), rng.choice(PRO_SUR)
        if first not in used and sur not in used:
            break
    used.update((first, sur))
    return f"{first} {sur}"


def pronouns(sex: str, suffix: str = "") -> dict:
    if sex == "m":
        p = dict(he="he", him="him", his="his", himself="himself")
    else:
        p = dict(he="she", him="her", his="her", himself="herself")
    out = {k + suffix: v for k, v in p.items()}
    out["He" + suffix] = cap(p["he"])
    out["His" + suffix] = cap(p["his"])
    return out


def make_context(rng: random.Random, doc_type: str, th: dict) -> dict:
    culture = rng.choices(list(CULTURE_WEIGHTS), weights=list(CULTURE_WEIGHTS.values()))[0]
    dad_culture = culture if rng.random() < 0.8 else rng.choice(list(CULTURES))
    used_names: set = set()
    y0 = rng.choice([2024, 2025])
    d0 = dt.date(y0, 1, 1) + dt.timedelta(days=rng.randrange(20, 340))
    lo, hi = th["ages"]
    age = rng.randint(lo, hi)
    n_children = rng.choices([1, 2, 3], weights=[5, 4, 2])[0]
    ages = [age]
    while len(ages) < n_children:
        a = rng.randint(0, 16)
        if all(abs(a - b) >= 2 for b in ages):
            ages.append(a)
    mum_sn = rng.choice(CULTURES[culture]["sn"])
    dad_sn = rng.choice(CULTURES[dad_culture]["sn"])
    child_sn = dad_sn if rng.random() < 0.6 else mum_sn
    children, firsts = [], set()
    for a in ages:
        sex = rng.choice("mf")
        cul = rng.choice([culture, dad_culture])
        for _ in range(30):
            name = _person(rng, cul, "c" + sex)
            if name not in firsts:
                break
        firsts.add(name)
        dob = d0 - dt.timedelta(days=a * 365 + rng.randrange(20, 340))
        children.append(dict(name=name, sex=sex, age=a, dob=dob, band=band_of(a),
                             full=f"{name} {child_sn}"))
    main = children[0]
    ctx: dict = {}
    ctx.update(c=main["name"], c_full=main["full"], c_age=main["age"], **pronouns(main["sex"]))
    if len(children) > 1:
        c2 = children[1]
        ctx.update(c2=c2["name"], _c2="", **pronouns(c2["sex"], "2"))
        if c2["age"] < main["age"]:
            ctx["_c2young"] = ""
    mum = _person(rng, culture, "f")
    dad = _person(rng, dad_culture, "m")
    while dad in firsts:
        dad = _person(rng, rng.choice(list(CULTURES)), "m")
    ctx.update(mum=mum, mum_full=f"{mum} {mum_sn}", dad=dad, dad_full=f"{dad} {dad_sn}")
    sep_p = 0.7 if th["key"] in ("da", "conflict") else 0.45
    if rng.random() < sep_p:
        ctx["_sep"] = ""
        if rng.random() < 0.45:
            pc = rng.choice(list(CULTURES))
            ctx["partner"] = _person(rng, pc, "m")
            while ctx["partner"] in (dad, *firsts):
                ctx["partner"] = _person(rng, rng.choice(list(CULTURES)), "m")
            ctx["partner_full"] = f"{ctx['partner']} {rng.choice(CULTURES[pc]['sn'])}"
            ctx["_partner"] = ""
    else:
        ctx["_together"] = ""
    if rng.random() < 0.5:
        ctx["_known"] = ""
    else:
        ctx["_new"] = ""
    taken = {mum, dad, ctx.get("partner")} | {ch["name"] for ch in children}
    for key, pool_key in (("gran", "f"), ("aunt", "f"), ("oldchild", "c" + rng.choice("mf"))):
        for _ in range(40):
            name = _person(rng, culture if _ < 20 else rng.choice(list(CULTURES)), pool_key)
            if name not in taken:
                break
        taken.add(name)
        ctx[key] = name
    if culture in ("somali", "afghan", "syrian", "eritrean", "turkish_kurdish"):
        ctx["_refugee"] = ""
    home, flag = rng.choice([
        ("a three-bedroom housing association house on the {estate} estate", "_house"),
        ("a two-bedroom council flat on the third floor of a low-rise block", "_flat"),
        ("a privately rented two-bedroom terraced house", "_house"),
        ("a one-bedroom flat above a shop on the high street", "_flat"),
        ("a semi-detached council house on the {estate} estate", "_house"),
        ("a two-bedroom maisonette on the {estate} estate", "_flat")])
    ctx[flag] = ""
    if culture in HOMELANDS:
        ctx["homeland"] = HOMELANDS[culture]
    if culture in LANGUAGES and rng.random() < 0.6:
        ctx["lang"] = LANGUAGES[culture]
        ctx["_lang"] = ""
    # professionals
    ctx["sw"] = _pro(rng, used_names)
    ctx["sw_first"] = ctx["sw"].split()[0]
    ctx["tm"] = _pro(rng, used_names)
    ctx["hv"] = _pro(rng, used_names)
    ctx["hv_first"] = ctx["hv"].split()[0]
    ctx["fsw"] = _pro(rng, used_names).split()[0]
    ctx["chair"] = _pro(rng, used_names)
    surnames = rng.sample([x for x in PRO_SUR if x not in used_names], 3)
    ctx["paed"] = "Dr " + surnames[0]
    ctx["teacher"] = rng.choice(["Mrs", "Mr", "Miss", "Ms"]) + " " + surnames[1]
    ctx["dsl"] = rng.choice(["Mrs", "Mr", "Ms"]) + " " + surnames[2]
    # places
    council = rng.choice(COUNCILS)
    ctx["council"] = council[0]
    ctx["council_full"] = f"{council[0]} {council[1]}"
    ctx["council_short"] = f"{council[0]} {council[2]}"
    ctx["council2"] = rng.choice([c[0] for c in COUNCILS if c is not council])
    towns = rng.sample(TOWNS, 2)
    ctx["town"], ctx["prev_town"] = towns
    ctx["estate"] = rng.choice(ESTATES)
    ctx["home"] = home.replace("{estate}", ctx["estate"])
    ctx["setting"] = "school" if main["band"] in "ps" else "nursery"
    ctx["Setting"] = cap(ctx["setting"])
    stem = rng.choice(SCHOOL_STEMS).replace("-", " ")
    if main["band"] in "ps" or (len(children) > 1 and children[1]["band"] in "ps"):
        if main["age"] >= 11:
            ctx["school"] = rng.choice([f"{stem} Academy", f"{stem} High School",
                                        f"{ctx['town']} {rng.choice(['Academy', 'High School', 'Community College'])}"])
        else:
            ctx["school"] = rng.choice([f"{stem} Primary School", f"St {rng.choice(SAINTS)}'s C of E Primary",
                                        f"{stem} Junior School", f"{stem} Primary Academy"])
        if main["band"] in "ps":
            ctx["year_group"] = max(1, min(11, main["age"] - 4))
            ctx["attend"] = rng.randint(58, 93)
    else:
        ctx.pop("teacher")
        ctx.pop("dsl")
    ctx["nursery"] = rng.choice([f"{rng.choice(SCHOOL_STEMS).replace('-', ' ')} Nursery",
                                 f"Little {rng.choice(['Acorns', 'Sparrows', 'Stars', 'Owls', 'Footprints'])} Day Nursery"])
    ctx["gp_practice"] = f"{rng.choice(SCHOOL_STEMS).replace('-', ' ')} {rng.choice(['Medical Practice', 'Surgery', 'Health Centre', 'Medical Centre'])}"
    ctx["hub"] = f"{ctx['town']} Family Hub"
    for key, pool in SERVICES.items():
        ctx[key] = rng.choice(pool).replace("{town}", ctx["town"])
    # years and dates
    by = d0.year - main["age"]
    ctx["y_a"] = by - rng.randint(2, 8)
    yb_lo = min(by, d0.year - 3)
    ctx["y_b"] = rng.randint(yb_lo, max(yb_lo, d0.year - 3))
    ctx["y_c"] = rng.randint(ctx["y_b"] + 1, d0.year - 1)
    ctx["y_recent"] = d0.year - 1
    dref = d0 - dt.timedelta(days=rng.randint(20, 60))
    visits = sorted(d0 - dt.timedelta(days=rng.randint(3, 45)) for _ in range(3))
    ctx["dref"] = f_dmy(dref) if rng.random() < 0.5 else f_long(dref)
    vfmt = rng.choice([f_dmy, f_dmname, f_long])
    ctx["dv1"], ctx["dv2"], ctx["dv3"] = (vfmt(v) for v in visits)
    ctx["past_short"] = f_dmname(d0 - dt.timedelta(days=rng.randint(40, 200)))
    ctx["_children"] = children
    ctx["_d0"] = d0
    ctx["_dref"] = dref
    ctx["_culture"] = culture
    ctx["_band"] = main["band"]
    ctx["_date_style"] = rng.choice(list(DATE_STYLES))
    ctx["_yseed"] = f"{rng.random():.12f}"
    ctx["_by"] = by
    return ctx


def with_years(ctx: dict, tpl: str) -> dict:
    """Years drawn afresh for each template (stable for a given document and template)."""
    if "{y_" not in tpl:
        return ctx
    r = random.Random(ctx["_yseed"] + tpl)
    y0, by = ctx["_d0"].year, ctx["_by"]
    out = dict(ctx)
    out["y_a"] = by - r.randint(1, 8)
    lo = min(max(by, y0 - 12), y0 - 2)
    out["y_b"] = r.randint(lo, y0 - 2)
    out["y_c"] = r.randint(out["y_b"] + 1, y0 - 1)
    return out


def child_ctx(ctx: dict, idx: int) -> dict:
    """The context with {c}/{he}/... pointing at child idx (for siblings' voice)."""
    if idx == 0:
        return ctx
    ch = ctx["_children"][idx]
    out = dict(ctx)
    out.update(c=ch["name"], c_full=ch["full"], c_age=ch["age"], **pronouns(ch["sex"]))
    for k in ("c2", "_c2", "_c2young", "he2", "him2", "his2", "himself2", "He2", "His2"):
        out.pop(k, None)
    return out


# ---------------------------------------------------------------------------------------------
# Timescales: checkable, vague and decoys. Each is prose text / table-cell text plus the exact
# substring that is the timescale.
# ---------------------------------------------------------------------------------------------

def _deadline(rng, ctx, lo=5, hi=90) -> dt.date:
    d = ctx["_d0"] + dt.timedelta(days=rng.randint(lo, hi))
    while d.weekday() >= 5:
        d += dt.timedelta(days=1)
    return d


def _ts(prose, cell, ps=None, cs=None, kind="once"):
    return {"prose": prose, "cell": cell, "ps": ps or prose, "cs": cs or cell, "kind": kind}


def ts_checkable(rng, ctx, kind: str, doc_type: str, group: str = "", course: bool = False) -> dict:
    if kind == "any":
        kind = rng.choice(["once", "rec"])
    if kind == "once":
        opt = rng.choices(["date", "wc", "within", "point", "meeting", "onday"],
                          weights=[10, 2, 4, 2, 2, 2])[0]
        d = _deadline(rng, ctx)
        if opt == "date":
            style = ctx["_date_style"] if rng.random() < 0.75 else rng.choice(list(DATE_STYLES))
            s = DATE_STYLES[style](d)
            cell = s if rng.random() < 0.6 else f"By {s}"
            return _ts(f"by {s}", cell)
        if opt == "wc":
            m = d - dt.timedelta(days=d.weekday())
            s = f"w/c {f_dm(m)}" if rng.random() < 0.5 else f"w/c {f_dmy(m)}"
            return _ts(s, s if rng.random() < 0.7 else "W" + s[1:])
        if opt == "within":
            s = rng.choice([f"within {rng.choice([5, 10, 15, 20])} working days",
                            f"within {rng.choice([2, 3, 4, 6])} weeks",
                            f"within {rng.choice([7, 14, 28])} days"])
            if doc_type == "cp_plan" and rng.random() < 0.25:
                s = "within 10 working days of the conference"
            return _ts(s, cap(s))
        if opt == "point":
            p, c = rng.choice([("by Easter", "By Easter"), ("by the end of term", "End of term"),
                               ("before the summer holidays", "Before the summer holidays"),
                               ("by October half-term", "By October half-term"),
                               ("by Christmas", "By Christmas"),
                               ("by the end of the spring term", "End of spring term"),
                               ("by the start of the new school year", "Start of new school year")])
            return _ts(p, c)
        if opt == "meeting":
            if doc_type == "cp_plan":
                p, c = rng.choice([(f"by the core group on {f_dmy(d)}", f"Core group {f_dmy(d)}"),
                                   (f"before the review conference on {f_long(d)}",
                                    f"Review conference {f_long(d)}"),
                                   (f"in time for the core group meeting on {f_dmname(d)}",
                                    f"Core group meeting {f_dmname(d)}")])
            else:
                p, c = rng.choice([(f"by the CIN review on {f_dmy(d)}", f"CIN review {f_dmy(d)}"),
                                   (f"before the review meeting on {f_long(d)}",
                                    f"Review meeting {f_long(d)}")])
            return _ts(p, c)
        s = f"on {WEEKDAYS[d.weekday()]} {f_dmname(d)}"
        return _ts(s, cap(s[3:]))
    # recurring
    wd = rng.choice(WEEKDAYS[:5])
    d = _deadline(rng, ctx, 3, 30)
    if group == "sw" and rng.random() < 0.5:
        s = "every 10 working days" if doc_type == "cp_plan" else rng.choice(
            ["every four weeks", "every 20 working days", "every six weeks"])
        return _ts(s, cap(s), kind="rec")
    opt = rng.choices(["word", "weekday", "from", "course"], weights=[8, 5, 3, 3 if course else 0])[0]
    if opt == "word":
        s = rng.choice(["weekly", "fortnightly", "monthly", "daily", "twice a week",
                        "at least once a week", "every school day", "each evening",
                        "every two weeks", "once a month"])
        return _ts(s, cap(s), kind="rec")
    if opt == "weekday":
        s = rng.choice([f"every {wd}", f"every other {wd}", f"on {wd}s", f"every {wd} afternoon"])
        return _ts(s, cap(s), kind="rec")
    if opt == "from":
        p = rng.choice([f"every {wd} from {f_dmname(d)}", f"every {wd} from w/c {f_dm(d)}",
                        f"weekly from {f_short(d)}"])
        c = rng.choice([f"{wd}s from {f_short(d)}", cap(p)])
        return _ts(p, c, kind="rec")
    n = rng.choice([6, 8, 10, 12])
    s = f"w/c {f_dmy(d - dt.timedelta(days=d.weekday()))}"
    return _ts(f"starting {s}", f"{n}-week programme, starting {s}", s, s, kind="rec")


VAGUE = [("on an ongoing basis", "Ongoing"), ("ongoing", "Ongoing"), ("ASAP", "ASAP"),
         ("as soon as possible", "ASAP"), ("asap", "asap"), ("as required", "As required"),
         ("as and when needed", "As and when"), ("in due course", "In due course"),
         ("at the next CGM", "Next CGM"),
         ("by the next core group", "Next core group"), ("when possible", "When possible"),
         ("going forward", "Going forward"), ("throughout the plan", "Throughout the plan"),
         ("before the next review", "Before review"), ("when needed", "When needed"),
         ("over the coming weeks", "Over the coming weeks"), ("on a date TBC", "TBC"),
         ("as soon as practicable", "ASAP"), ("when a place comes up", "Waiting list")]


def ts_vague(rng, cond: bool = False) -> dict:
    if cond:
        p, c = "at all times", rng.choice(["At all times", "Always", "Ongoing", "As needed"])
    else:
        p, c = rng.choice(VAGUE)
    ps = "date TBC" if p == "on a date TBC" else p
    return _ts(p, c, ps, c)


# ---------------------------------------------------------------------------------------------
# Plan actions: choosing them (quality decides owner / timescale / specific) and writing them
# as table rows, blocks, bullets, prose or first-person items.
# ---------------------------------------------------------------------------------------------

OWNER_FORMS = {
    "mum": ["Mum", "{mum}", "Mother", "{mum} (Mum)", "{mum_full}"],
    "dad": ["Dad", "{dad}", "Father", "{dad} (Dad)", "{dad_full}"],
    "parents": ["Parents", "Mum and Dad", "{mum} and {dad}", "Both parents", "Parents/carers"],
    "sw": ["SW", "Social worker", "{sw}", "{sw_first} (SW)", "Allocated social worker",
           "The social worker"],
    "tm": ["Team manager", "{tm} (TM)"],
    "hv": ["HV", "Health visitor", "{hv} (HV)", "The health visitor", "Health visiting team"],
    "nurse": ["School nurse", "School nursing team"],
    "school": ["School", "{school}", "School DSL", "{dsl} (DSL)", "{teacher}", "Pastoral lead"],
    "nursery": ["Nursery", "{nursery}", "Nursery manager"],
    "gp": ["GP", "{gp_practice}", "The GP"],
    "fsw": ["Family support worker", "{fsw} (FSW)", "Early Help", "{hub}", "FSW"],
    "da": ["{da_service}", "IDVA", "DA worker"],
    "drugs": ["{drug_service}", "Recovery worker", "Drug and alcohol worker"],
    "police": ["Police", "The police", "Police (MASH)", "Investigating officer"],
    "fire": ["Fire and Rescue Service", "Fire service"],
    "family": ["Maternal grandmother", "{gran}", "Nan ({gran})", "Aunt {aunt}",
               "{gran} (maternal grandmother)"],
    "child": ["{c}"],
    "cmht": ["CMHT", "Community mental health team", "Mental health nurse"],
    "camhs": ["CAMHS", "CAMHS practitioner"],
    "paed": ["Paediatrician", "{paed}", "Community paediatrics"],
    "rhi": ["Return home interview service", "Missing coordinator"],
    "carers": ["{carers}", "Young carers worker"],
    "asc": ["Adult social care", "Adult Social Care"],
    "housing": ["Housing options officer", "Housing"],
    "respite": ["{respite}", "Short breaks team"],
    "ot": ["OT", "Occupational therapist"],
    "youth": ["{youth}", "Youth worker", "Mentor ({youth})"],
}
FP_OWNERS = {"mum": ["{mum} (Mum)", "Mum ({mum})", "{mum}"], "dad": ["{dad} (Dad)", "Dad ({dad})"],
             "family": ["{gran} (Nan)", "Nan ({gran})", "Aunt {aunt}"], "child": ["{c}"]}
COLLECTIVES = ["All", "Everyone", "All professionals", "Professionals", "All agencies",
               "Everyone involved"]
PRONOUN = {"mum": "She", "dad": "He", "parents": "They", "family": "She"}


class Act:
    """One planned action before it is written out."""

    def __init__(self, task, owner, ts, vague, spec, fp=False, collective=None):
        self.task = task          # filled task dict: group, inf, pas, tk, self_ts
        self.owner = owner        # owner phrase (str) or None
        self.ts = ts              # checkable timescale dict or None
        self.vague = vague        # vague timescale dict or None
        self.spec = spec
        self.fp = fp
        self.collective = collective


def fill_task(t: dict, ctx: dict) -> dict | None:
    key = ctx["_yseed"]
    inf = fill(expand(t["inf"], key), ctx) if t["inf"] else ""
    pas = fill(expand(t["pas"], key), ctx) if t["pas"] else ""
    if inf is None or pas is None:
        return None
    self_ts = None
    if t["tk"].startswith("="):
        self_ts = fill(t["tk"][1:], ctx)
        if self_ts is None:
            return None
    return dict(t, inf=inf, pas=pas, self_ts=self_ts)


def task_pool(ctx: dict, th: dict, doc_type: str) -> tuple[list, list]:
    band = ctx["_band"]
    theme_tasks, generic = [], []
    for src, dest in ((th["tasks"], theme_tasks), (GENERIC_TASKS, generic)):
        for t in src:
            g = t["group"]
            if not _band_ok(t["bands"], band):
                continue
            if g == "hv" and band not in "bt":
                continue
            if g == "nurse" and band not in "ps":
                continue
            if g == "child" and ctx["c_age"] < 11:
                continue
            if g == "school" and band == "b":
                continue
            if g == "tm" and doc_type == "assessment":
                continue
            if not t["pas"] and g == "recv":
                continue
            ft = fill_task(t, ctx)
            if ft is not None:
                dest.append(ft)
    return theme_tasks, generic


def owner_phrase(rng, group: str, ctx: dict, prefs: dict) -> str:
    if group == "school" and ctx["_band"] in "bt":
        group = "nursery"
    forms = [f for f in (fill(x, ctx) for x in OWNER_FORMS[group]) if f]
    if group not in prefs:
        prefs[group] = rng.choice(forms)
    return prefs[group] if rng.random() < 0.7 else rng.choice(forms)


def choose_actions(rng, ctx, th, doc_type, q: dict, n: int, fp_share: float = 0.0) -> list[Act]:
    theme_tasks, generic = task_pool(ctx, th, doc_type)
    fps = []
    for f in FIRST_PERSON:
        text = fill(f["text"], ctx)
        if text is None or (f["group"] == "child" and ctx["c_age"] < 8):
            continue
        fps.append(dict(group=f["group"], spec=f["spec"], tk=f["tk"], inf=text, pas="", self_ts=None))
    used, acts, prefs = set(), [], {}
    for _ in range(n):
        has_owner = rng.random() >= q["own"]
        r = rng.random()
        ts_mode = "check" if r >= q["ts"] else ("vague" if rng.random() < q["vague"] else "none")
        spec = rng.random() >= q["unspec"]

        def ok(t, spec=spec):
            if id(t) in used or t["spec"] != spec:
                return False
            if ts_mode == "check" and t["tk"] == "cond":
                return False
            if ts_mode != "check" and t["self_ts"]:
                return False
            if has_owner and t["group"] in ("all", "recv"):
                return False
            return True

        use_fp = fps and rng.random() < fp_share and has_owner
        if use_fp:
            cands = [t for t in fps if ok(t)]
            if cands:
                t = rng.choice(cands)
                used.add(id(t))
                forms = [x for x in (fill(f, ctx) for f in FP_OWNERS[t["group"]]) if x]
                owner = rng.choice(forms)
                acts.append(_timed(rng, ctx, doc_type, t, owner, ts_mode, fp=True))
                continue
        pools = []
        if not has_owner and rng.random() < 0.45:
            pools.append([t for t in generic if t["group"] in ("all", "recv")])
        pools += [theme_tasks, generic] if rng.random() < 0.65 else [generic, theme_tasks]
        t = None
        for relax in (False, True):
            for pool in pools:
                cands = [x for x in pool if ok(x, spec if not relax else x["spec"])]
                if cands:
                    t = rng.choice(cands)
                    break
            if t:
                break
        if t is None:
            continue
        used.add(id(t))
        owner = None
        collective = None
        if has_owner:
            owner = owner_phrase(rng, t["group"], ctx, prefs)
        elif t["group"] == "all" or (not t["spec"] and rng.random() < 0.3):
            collective = rng.choice(COLLECTIVES)
        acts.append(_timed(rng, ctx, doc_type, t, owner, ts_mode, collective=collective))
    return acts


def _timed(rng, ctx, doc_type, t, owner, ts_mode, fp=False, collective=None) -> Act:
    ts = vague = None
    if t["self_ts"]:
        ts = _ts(t["self_ts"], "", t["self_ts"], None)
        ts["self"] = True
    elif ts_mode == "check":
        kind = t["tk"] if t["tk"] in ("once", "rec") else ("any" if t["spec"] else "once")
        course = (any(w in t["inf"] for w in ("attend", "course", "programme", "group", "sessions"))
                  and "-week" not in t["inf"])
        ts = ts_checkable(rng, ctx, kind, doc_type, t["group"], course)
    elif ts_mode == "vague":
        vague = ts_vague(rng, cond=t["tk"] == "cond")
    return Act(t, owner, ts, vague, t["spec"], fp=fp, collective=collective)


def _check(quote: str, owner, ts, vague) -> bool:
    if owner is not None and owner not in quote:
        return False
    for sub in (ts, vague):
        if sub is not None and quote.count(sub) != 1:
            return False
    return True


def _lower_owner(o: str) -> str:
    return "the " + o[4:] if o.startswith("The ") else o


ROLE_OWNERS = {"Social worker", "Allocated social worker", "Health visitor", "Health visiting team",
               "School nurse", "School nursing team", "Family support worker", "Paediatrician",
               "GP", "Police", "Investigating officer", "Recovery worker", "Drug and alcohol worker",
               "DA worker", "Young carers worker", "Mental health nurse", "Team manager",
               "Nursery manager", "Return home interview service", "Missing coordinator",
               "Short breaks team", "Community mental health team", "Pastoral lead",
               "CAMHS practitioner", "Housing options officer", "Occupational therapist",
               "Fire service", "Maternal grandmother", "School DSL", "Nursery", "School"}


class _Always:
    """Stands in for an rng where a choice must always be taken."""

    @staticmethod
    def random() -> float:
        return 0.0


def sentence_owner(rng, owner: str) -> str:
    """'Health visitor' reads as 'The health visitor' in a sentence (most of the time)."""
    if owner in ROLE_OWNERS and rng.random() < 0.75:
        first, *rest = owner.split()
        first = first if first.isupper() else first.lower()
        return "The " + " ".join([first] + rest)
    return owner


def _action_unit(quote, owner, ts, vague, spec) -> Unit | None:
    if not _check(quote, owner, ts, vague):
        return None
    return Unit(quote, action={"owner": owner, "timescale": ts, "timescale_vague": vague,
                               "specific": spec})


PROSE_OWNED = ["will", "will", "will", "front", "agent"]
PROSE_OWNERLESS = ["passive", "pronoun", "collective"]


def render_sentence(rng, a: Act, ctx: dict, style: str | None = None, prose: bool = False) -> Unit:
    """A bullet, numbered item or (prose=True) a sentence inside a paragraph."""
    t = a.task
    when = a.ts or a.vague
    wp = when["prose"] if when and not when.get("self") else ""
    ws = when["ps"] if when else None
    tsub = ws if a.ts else None
    vsub = ws if a.vague else None
    end = "" if (rng.random() < 0.25 and not prose) else "."
    base_owner = a.owner
    if a.owner is not None and not a.fp:
        base_owner = sentence_owner(rng, a.owner)
    for _ in range(12):
        owner = base_owner
        if a.fp:
            s = rng.choice(["colon", "colon", "dash"] + ([] if "(" in owner else ["paren"]))
            if s == "colon":
                q = f"{owner}: {t['inf']}{' ' + wp if wp else ''}."
            elif s == "dash":
                q = f"{owner} – {t['inf']}{' ' + wp if wp else ''}."
            else:
                q = f"{t['inf']}{' ' + wp if wp else ''} ({owner})."
            u = _action_unit(q, owner, tsub, vsub, a.spec)
            if u:
                return u
            wp = ""
            tsub = vsub = None
            continue
        if owner is not None:
            choices = list(PROSE_OWNED) if prose else ["will", "will", "to", "dash", "paren", "agent", "front"]
            if not t["pas"]:
                choices = [c for c in choices if c != "agent"]
            if not (a.ts and a.ts.get("kind") == "once" and not a.ts.get("self")):
                choices = [c for c in choices if c != "front"]
            s = style if style in choices else rng.choice(choices)
            if s == "agent" and t["pas"]:
                lo = _lower_owner(sentence_owner(_Always(), a.owner))
                q = f"{t['pas']} by {lo}{' ' + wp if wp else ''}{end}"
                owner = lo
            elif s == "front" and wp:
                lo = _lower_owner(owner)
                if lo in ("Parents", "Parents/carers", "Both parents"):
                    lo = lo.lower()
                q = f"{cap(wp)}, {lo} will {t['inf']}."
                owner = lo
                if ws and a.ts:
                    tsub = cap(ws) if q.startswith(cap(ws)) else ws
                if ws and a.vague:
                    vsub = cap(ws) if q.startswith(cap(ws)) else ws
            elif s == "to":
                q = f"{owner} to {t['inf']}{' ' + wp if wp else ''}{end}"
            elif s == "dash":
                wc = when["cell"] if when and not when.get("self") else ""
                q = f"{owner} to {t['inf']}" + (f" – {wc}" if wc else "")
                if wc:
                    if a.ts:
                        tsub = when["cs"]
                    else:
                        vsub = when["cs"]
            elif s == "paren":
                wc = when["cell"] if when and not when.get("self") else ""
                q = f"{cap(t['inf'])} ({owner}{', ' + wc if wc else ''})"
                if wc:
                    if a.ts:
                        tsub = when["cs"]
                    else:
                        vsub = when["cs"]
            else:
                q = f"{owner} will {t['inf']}{' ' + wp if wp else ''}."
        else:
            g = t["group"]
            modes = []
            if t["pas"]:
                modes += ["passive", "passive"]
            if a.collective:
                modes += ["collective", "collective"]
            if g in PRONOUN or g in ("sw", "child", "hv", "fsw"):
                modes.append("pronoun")
            if g not in ("recv",) and t["inf"] and not prose:
                modes.append("bare")
            if prose:
                modes = [m for m in modes if m in PROSE_OWNERLESS] or ["pronoun"]
            s = rng.choice(modes)
            if s == "passive":
                q = f"{t['pas']}{' ' + wp if wp else ''}{end}"
            elif s == "collective":
                coll = a.collective or rng.choice(COLLECTIVES)
                q = f"{coll} {rng.choice(['to', 'will'])} {t['inf']}{' ' + wp if wp else ''}."
            elif s == "pronoun":
                pron = PRONOUN.get(g) or (ctx["He"] if g == "child" else rng.choice(["She", "He"]))
                q = f"{pron} will {t['inf']}{' ' + wp if wp else ''}."
            else:
                q = f"{cap(t['inf'])}{' ' + wp if wp else ''}{end}"
        u = _action_unit(q, owner, tsub, vsub, a.spec)
        if u:
            return u
        # reset substrings that a style may have changed, then try again
        tsub = ws if a.ts else None
        vsub = ws if a.vague else None
    q = f"{cap(t['inf'] or t['pas'])}."
    return Unit(q, action={"owner": None, "timescale": None, "timescale_vague": None,
                           "specific": a.spec})


def task_cell(rng, a: Act, owner_first: bool = False) -> str:
    t = a.task
    if a.fp:
        return t["inf"]
    if a.owner is not None:
        r = rng.random()
        if r < 0.2 and not owner_first and t["group"] in ("mum", "dad", "parents", "family", "child"):
            return f"{a.owner} to {t['inf']}"
        if r < 0.35 and t["pas"]:
            return t["pas"]
        return cap(t["inf"])
    if t["pas"] and (rng.random() < 0.65 or not t["inf"]):
        return t["pas"]
    return cap(t["inf"])


def render_row(rng, a: Act, cols: list[str], ctx: dict, th: dict, idx: int, review: bool) -> Unit:
    t = a.task
    for _ in range(12):
        cells, owner, tsub, vsub = [], a.owner, None, None
        task = task_cell(rng, a, owner_first=cols[0] == "owner")
        if a.ts and a.ts.get("self"):
            tsub = a.ts["ps"] if a.ts["ps"] in task else None
        for col in cols:
            if col == "task":
                cells.append(task)
            elif col == "owner":
                if a.owner is not None:
                    cells.append(a.owner)
                elif a.collective:
                    cells.append(a.collective)
                elif t["group"] == "recv" and rng.random() < 0.35:
                    cells.append(ctx["c"])
                else:
                    cells.append(rng.choice(["", "", "-", "TBC"]) if col != cols[-1] else "")
            elif col == "when":
                if a.ts and not a.ts.get("self"):
                    cells.append(a.ts["cell"])
                    tsub = a.ts["cs"]
                elif a.vague:
                    cells.append(a.vague["cell"])
                    vsub = a.vague["cs"]
                else:
                    r = rng.random()
                    if a.ts:  # written into the task
                        cells.append(rng.choice(["", "See action", "-"]))
                    elif r < 0.3 and re.search(r"\b(attend|group|sessions|course)\b", t["inf"]):
                        if "-week" in t["inf"] or rng.random() < 0.5:
                            cells.append(f"Attending since {ctx['past_short']}")
                        else:
                            cells.append(f"{rng.choice([6, 8, 10, 12, 26])}-week programme")
                    else:
                        cells.append(rng.choice(["", "-", ""]))
            elif col == "outcome":
                cells.append(rng.choice(OUTCOME_LABELS[th["key"]]))
            elif col == "rag":
                cells.append(rng.choice(["Red", "Amber", "Green", "Amber"]) if review else "")
            elif col == "no":
                cells.append(str(idx + 1))
            elif col == "progress":
                if review:
                    cells.append(rng.choice(["Not started", "In progress", "Done", "Partly met",
                                             f"Completed {f_dm(ctx['_d0'] - dt.timedelta(days=rng.randint(3, 30)))}"]))
                else:
                    cells.append("")
        q = " | ".join(cells).rstrip()
        if q.endswith("|"):
            q = q + " -" if rng.random() < 0.3 else q
        u = _action_unit(q, owner if owner else None, tsub, vsub, a.spec)
        if u:
            return u
    return _action_unit(" | ".join([cap(t["inf"] or t["pas"]), "", "-"]), None, None, None, a.spec)


BLOCK_LABELS = [
    ("Action", "Responsible", "Timescale"), ("Task", "Lead", "By when"), ("What", "Who", "When"),
    ("Action", "Who", "Date"), ("Action required", "Person responsible", "Timescale"),
    ("Need", "Action", "Responsible", "Timescale"), ("Outcome", "Task", "Lead", "Target date"),
]


def render_block(rng, a: Act, labels: tuple, ctx: dict, th: dict) -> Unit:
    for _ in range(12):
        task = task_cell(rng, a)
        lines, tsub, vsub = [], None, None
        if a.ts and a.ts.get("self"):
            tsub = a.ts["ps"]
        if len(labels) == 4:
            lines.append(f"{labels[0]}: {rng.choice(OUTCOME_LABELS[th['key']])}")
            labels3 = labels[1:]
        else:
            labels3 = labels
        lines.append(f"{labels3[0]}: {task}")
        if a.owner is not None:
            lines.append(f"{labels3[1]}: {a.owner}")
        elif a.collective:
            lines.append(f"{labels3[1]}: {a.collective}")
        else:
            lines.append(f"{labels3[1]}:" + rng.choice(["", "", " TBC", " -"]))
        if a.ts and not a.ts.get("self"):
            lines.append(f"{labels3[2]}: {a.ts['cell']}")
            tsub = a.ts["cs"]
        elif a.vague:
            lines.append(f"{labels3[2]}: {a.vague['cell']}")
            vsub = a.vague["cs"]
        else:
            lines.append(f"{labels3[2]}:" + rng.choice(["", "", " -"]))
        u = _action_unit("\n".join(lines), a.owner, tsub, vsub, a.spec)
        if u:
            return u
    return _action_unit(f"{labels[0]}: {cap(a.task['inf'] or a.task['pas'])}", None, None, None, a.spec)


# ---------------------------------------------------------------------------------------------
# Choosing the labelled and unlabelled sentences for one document
# ---------------------------------------------------------------------------------------------

CHRONO = parse_bank("""
chrono|*|{y_a} | {mum} moved to {town} from {prev_town} | {mum}
chrono|*|{_known}{y_b} | Health visitor referral about home conditions; closed after Early Help | LA records
chrono|*|{_sep}{y_b} | {mum} and {dad} separated for six months after a police call-out | Police
chrono|*|{y_c} | Death of maternal grandfather | {mum}
chrono|*|{_known}{y_c} | Child in Need plan for {c} (school attendance), closed after eight months | LA records
chrono|*|{y_a} | {dad} cautioned for possession of cannabis | Police
chrono|*|{y_c} | Family evicted and placed in temporary accommodation | Housing
chrono|*|{y_b} | {mum} treated for depression by her GP for about a year | GP
chrono|*|{_new}{y_recent} | Checks show no contact with children's services before this referral | LA records
chrono|*|{y_a} | {mum} leaves foster care at eighteen and moves into supported lodgings | {mum}
chrono|*|{y_b} | Two police call-outs to arguments between {mum} and {dad}; no arrests | Police
chrono|*|{y_c} | {dad} starts a community sentence for criminal damage | Probation
""")

WORD_KINDS = {"quote", "reported", "wish", "worry", "direct_work", "drawing", "relayed", "both"}
ONE_ONLY = {"police", "no_prev", "seen_alone", "state", "garden"}


def _band_ok(bands: str, band: str) -> bool:
    return bands == "*" or band in bands.split()


class Gen:
    """Per-document state: context, randomness and the sentences already used."""

    def __init__(self, rng: random.Random, ctx: dict, th: dict, doc_type: str, levels: dict):
        self.rng, self.ctx, self.th, self.doc_type = rng, ctx, th, doc_type
        self.levels = levels
        self.used: set = set()
        self.kinds_used: set = set()

    # -- generic picking ----------------------------------------------------------------
    def _cands(self, bank, kinds=None, child_idx=(0,)):
        out = []
        for kind, bands, tpl in bank:
            if kinds is not None and kind not in kinds:
                continue
            for ci in child_idx:
                ch = self.ctx["_children"][ci]
                if not _band_ok(bands, ch["band"]):
                    continue
                key = (tpl, ci)
                if key in self.used or tpl in self.used:
                    continue
                text = fill(expand(tpl, self.ctx["_yseed"] + str(ci)),
                            with_years(child_ctx(self.ctx, ci), tpl))
                if text is None:
                    continue
                out.append((kind, tpl, ci, text))
        return out

    def pick(self, bank, n, labels=(), unclear=(), kinds=None, diverse=True, children=False):
        """Pick up to n sentences, spreading over kinds; returns Units."""
        idx = tuple(range(len(self.ctx["_children"]))) if children else (0,)
        units = []
        for _ in range(n):
            cands = self._cands(bank, kinds, idx)
            cands = [c for c in cands if not (c[0] in ONE_ONLY and c[0] in self.kinds_used)]
            if not cands:
                break
            if children and len(idx) > 1:
                main = [c for c in cands if c[2] == 0]
                if main and self.rng.random() < 0.7:
                    cands = main
            if diverse:
                fresh = [c for c in cands if c[0] not in self.kinds_used]
                if fresh and self.rng.random() < 0.8:
                    cands = fresh
            kind, tpl, ci, text = self.rng.choice(cands)
            self.used.add(tpl)
            self.kinds_used.add(kind)
            units.append(Unit(text, labels, unclear, kind=kind))
        return units

    # -- the labelled material ----------------------------------------------------------
    def history(self, n):
        return self.pick(HISTORY, n, labels=(FH,))

    def both(self, n):
        return self.pick(BOTH, n, labels=(FH, CV), children=True)

    def voice(self, n, need_seen=False):
        out = []
        if need_seen and n:
            out += self.pick(VOICE, 1, labels=(CV,), kinds={"seen_alone"})
        out += self.pick(VOICE, n - len(out), labels=(CV,), children=True)
        return out

    def unclear(self, n):
        return self.pick(UNCLEAR, n, unclear=(CV,), diverse=False)

    def neg_history(self, n, kinds):
        return self.pick(NEG_HISTORY, n, kinds=kinds, diverse=False)

    def neg_voice(self, n, kinds):
        return self.pick(NEG_VOICE, n, kinds=kinds, diverse=False)

    def filler(self, section, n, kinds=None):
        return self.pick(FILLER[section], n, kinds=kinds, diverse=False)

    def chrono(self, n):
        return self.pick(CHRONO, n, labels=(FH,), diverse=False)

    def theme_lines(self, key, n, allow_cv=True):
        out = []
        lines = list(self.th[key])
        head, rest = lines[:1], lines[1:]
        self.rng.shuffle(rest)
        for tpl in head + rest:
            if len(out) >= n:
                break
            labels = ()
            key_tpl = tpl
            if tpl.startswith("@cv "):
                if not allow_cv:
                    continue
                tpl, labels = tpl[4:], (CV,)
            if tpl.startswith("["):
                bands, tpl = tpl[1:].split("] ", 1)
                if not _band_ok(bands, self.ctx["_band"]):
                    continue
            if key_tpl in self.used:
                continue
            text = fill(expand(tpl, self.ctx["_yseed"]), self.ctx)
            if text is None:
                continue
            self.used.add(key_tpl)
            out.append(Unit(text, labels, kind="relayed" if labels else ""))
        return out

    def plain(self, tpl_list, n=1):
        """Neutral one-off lines given inline by a template."""
        out = []
        for tpl in self.rng.sample(tpl_list, min(n, len(tpl_list))):
            text = fill(tpl, self.ctx)
            if text is not None and text not in self.used:
                self.used.add(text)
                out.append(Unit(text))
        return out


def interleave(rng, *groups):
    """Merge unit lists, keeping each list's own order."""
    lists = [list(g) for g in groups if g]
    out = []
    while lists:
        weights = [len(x) for x in lists]
        i = rng.choices(range(len(lists)), weights=weights)[0]
        out.append(lists[i].pop(0))
        lists = [x for x in lists if x]
    return out


def split_n(rng, items: list, k: int) -> list[list]:
    """Split a list into k consecutive runs of random sizes (some may be empty)."""
    if k <= 1:
        return [items]
    cuts = sorted(rng.randint(0, len(items)) for _ in range(k - 1))
    out, prev = [], 0
    for c in cuts + [len(items)]:
        out.append(items[prev:c])
        prev = c
    return out


# ---------------------------------------------------------------------------------------------
# Shared pieces of layout
# ---------------------------------------------------------------------------------------------

def emit(b: Builder, rng, units, mode="para", prefix="", split=True):
    """Write units as one or two paragraphs, bullets or one-per-line."""
    units = [u for u in units if u is not None]
    if not units:
        return
    if mode == "para":
        if split and len(units) > 4 and rng.random() < 0.6:
            k = rng.randint(2, len(units) - 2)
            b.para(units[:k], prefix)
            b.para(units[k:], "")
        else:
            b.para(units, prefix)
    elif mode == "lines":
        b.para(units[:1], prefix, gap=False)
        for u in units[1:]:
            b.para([u], "", gap=False)
        b.blank()
    else:
        b.items(units, mode)


def child_line(ch: dict, style: int) -> str:
    dob = f_dmy(ch["dob"])
    if style == 0:
        return f"{ch['full']}   DOB: {dob}   Age: {ch['age']}"
    if style == 1:
        return f"{ch['name']} {ch['full'].split(' ', 1)[1].upper()} (born {f_long(ch['dob'])})"
    return f"{ch['full']}, {ch['age']} ({'male' if ch['sex'] == 'm' else 'female'}), DOB {dob}"


def header(b: Builder, rng, ctx: dict, title: str, extra: list[str] = ()):
    style = rng.randrange(3)
    council = ctx["council_full"] if rng.random() < 0.6 else ctx["council_short"]
    if rng.random() < 0.5:
        council = council.upper()
    b.line(council)
    b.line(rng.choice(["Children's Services", "Children and Families Service",
                       "Children's Social Care", f"{ctx['town']} Locality Team",
                       "Safeguarding and Family Support"]))
    b.blank()
    b.line(title)
    b.blank()
    kids = ctx["_children"]
    if style == 0:
        b.line("Child: " + child_line(kids[0], 0))
        for ch in kids[1:]:
            b.line("Sibling: " + child_line(ch, 0))
    else:
        b.line("Children: " + "; ".join(child_line(ch, style) for ch in kids))
    b.line(f"Mother: {ctx['mum_full']}")
    b.line(f"Father: {ctx['dad_full']}" + (" (lives separately)" if "_sep" in ctx else ""))
    if "_partner" in ctx and rng.random() < 0.7:
        b.line(f"Mother's partner: {ctx['partner_full']}")
    if "lang" in ctx and rng.random() < 0.7:
        b.line(f"First language: {ctx['lang']} – interpreter used for visits with {ctx['mum']}")
    b.line(f"Social worker: {ctx['sw']}" + rng.choice(["", f"   Team manager: {ctx['tm']}"]))
    for e in extra:
        b.line(e)
    b.blank()


# ---------------------------------------------------------------------------------------------
# Assessments
# ---------------------------------------------------------------------------------------------

FH_COUNTS = {"assessment": {0: (0, 0), 1: (1, 3), 2: (5, 7), 3: (8, 12)},
             "plan": {0: (0, 0), 1: (1, 2), 2: (3, 4), 3: (5, 7)}}
CV_COUNTS = {"assessment": {0: (0, 0), 1: (1, 3), 2: (5, 7), 3: (9, 13)},
             "plan": {0: (0, 0), 1: (1, 2), 2: (3, 4), 3: (5, 8)}}


def labelled_material(g: Gen, kind: str) -> dict:
    """Pick the history and voice sentences the quality levels call for."""
    rng, ctx = g.rng, g.ctx
    lv = g.levels
    fh_n = rng.randint(*FH_COUNTS[kind][lv["family_history"]])
    cv_n = rng.randint(*CV_COUNTS[kind][lv["child_voice"]])
    n_both = 0
    if fh_n >= 3 and cv_n >= 3 and rng.random() < 0.5:
        n_both = rng.randint(1, 2)
    both = g.both(n_both)
    fh = g.history(max(0, fh_n - len(both)))
    seen = lv["child_voice"] >= 2 and ctx["_band"] in "ps"
    if lv["child_voice"] <= 1:  # weak voice: no seen-alone or direct work, so the gap lines hold
        g.kinds_used.update({"seen_alone"})
        cv = g.pick(VOICE, cv_n, labels=(CV,), children=True,
                    kinds={"obs", "obs_baby", "behaviour", "relayed", "quote", "reported", "wish", "worry"})
    else:
        cv = g.voice(max(0, cv_n - len(both)), need_seen=seen)
    m = dict(fh=fh, both=both, cv=cv)
    m["unclear"] = g.unclear(rng.choice([0, 0, 1, 1, 2]))
    m["neg_cv"] = g.neg_voice(rng.randint(1, 2), {"other", "opinion"})
    if lv["child_voice"] == 0:
        m["gap_cv"] = g.neg_voice(rng.randint(1, 2), {"gap", "gap_none"})
    elif lv["child_voice"] == 1:
        m["gap_cv"] = g.neg_voice(rng.randint(1, 2), {"gap"})
    else:
        m["gap_cv"] = []
    m["neg_med"] = g.neg_history(rng.choice([0, 1, 1]), {"medical"})
    m["neg_fh"] = g.neg_history(rng.randint(1, 2), {"present"})
    m["bare_fh"] = g.neg_history(rng.choice([0, 1]), {"bare"})
    if lv["family_history"] == 0:
        m["gap_fh"] = g.neg_history(rng.randint(1, 2), {"gap", "gap_none", "gap_part"})
    elif lv["family_history"] == 1:
        m["gap_fh"] = g.neg_history(rng.randint(0, 1), {"gap_part"})
    else:
        m["gap_fh"] = []
    return m


def take(lst: list, n: int) -> list:
    out = lst[:n]
    del lst[:n]
    return out


def assessment_sections(g: Gen, verbosity: float) -> dict:
    rng = g.rng
    m = labelled_material(g, "assessment")
    v = lambda lo, hi: max(0, round(rng.randint(lo, hi) * verbosity))  # noqa: E731
    cv = m["cv"]
    seen = [u for u in cv if u.kind == "seen_alone"]
    rest = [u for u in cv if u.kind != "seen_alone"]
    n_dev = len(rest) // 3
    s = {}
    s["reason"] = g.theme_lines("reason", rng.randint(2, 4), allow_cv=g.levels["child_voice"] > 0)
    s["sources"] = g.filler("professionals", v(1, 3))
    s["dev"] = interleave(rng, g.filler("health", v(1, 2)) + m["neg_med"], g.filler("education", v(1, 3)),
                          take(rest, n_dev), m["neg_cv"][:1])
    s["views"] = seen + interleave(rng, rest, m["both"][:1]) + m["gap_cv"]
    s["parenting"] = interleave(rng, g.filler("parenting", v(2, 4)), m["unclear"], m["neg_cv"][1:])
    fh = m["fh"]
    s["history"] = interleave(rng, fh, m["both"][1:], m["bare_fh"]) + m["gap_fh"]
    s["env"] = interleave(rng, g.filler("housing", v(1, 3)), m["neg_fh"])
    can_cp = "cp_plan" in g.th["types"]
    if g.th["key"] in ("injury", "online"):
        weights = {"cin": 30, "cp": 60, "eh": 5, "nfa": 5}
    elif can_cp:
        weights = {"cin": 45, "cp": 25, "eh": 20, "nfa": 10}
    else:
        weights = {"cin": 60, "eh": 30, "nfa": 10}
    outcome = _wchoice(rng, weights)
    allowed = {"cp": {"x", "sig"}, "cin": {"x", "cin", "sig"}, "eh": {"x", "low"}, "nfa": {"x", "low"}}
    s["analysis"] = (g.theme_lines("analysis", rng.randint(1, 2))
                     + g.filler("analysis", v(2, 4), kinds=allowed[outcome]))
    s["outcome"] = g.filler("outcome", 1, kinds={outcome}) + g.filler("outcome", rng.randint(0, 1), kinds={"x"})
    s["worry"] = g.theme_lines("worry", rng.randint(2, 3))
    s["change"] = g.theme_lines("change", rng.randint(2, 3))
    return s


def recommendations(g: Gen, n: int) -> list[Unit]:
    q = {"own": g.rng.uniform(0, 0.3), "ts": g.rng.uniform(0, 0.7), "vague": 0.6,
         "unspec": g.rng.uniform(0, 0.3)}
    acts = choose_actions(g.rng, g.ctx, g.th, "assessment", q, n)
    return [render_sentence(g.rng, a, g.ctx, style=g.rng.choice(["will", "will", "to"])) for a in acts]


def assess_triangle(b, g, s, rng):
    up = rng.random() < 0.7
    H = (lambda t: t.upper()) if up else (lambda t: t)
    b.heading(H(rng.choice(["Reason for assessment", "Reason for referral", "Why we became involved"])))
    emit(b, rng, s["reason"])
    b.heading(H("Child's developmental needs")); emit(b, rng, s["dev"])
    if s["views"]:
        b.heading("Wishes and feelings"); emit(b, rng, s["views"])
    b.heading(H("Parenting capacity")); emit(b, rng, s["parenting"])
    b.heading(H("Family and environmental factors"))
    if s["history"]:
        b.heading(rng.choice(["Family history", "History and how the family functions", "Background"]))
        emit(b, rng, s["history"])
    b.heading("Housing, employment and income"); emit(b, rng, s["env"])
    b.heading(H("Analysis")); emit(b, rng, s["analysis"])
    b.heading(H("Outcome")); emit(b, rng, s["outcome"])


def assess_numbered(b, g, s, rng):
    c = g.ctx["c"]
    secs = [("Reason for the assessment", "reason"), ("Who contributed", "sources"),
            (f"{c}'s day-to-day life", "dev"), (f"What {c} has told us", "views"),
            ("Parenting capacity", "parenting"), ("Family history and background", "history"),
            ("Home and community", "env"), ("Analysis", "analysis")]
    i = 0
    for title, key in secs:
        if not s[key]:
            continue
        i += 1
        b.heading(f"{i}. {title}")
        emit(b, rng, s[key], mode="- " if key == "views" and rng.random() < 0.4 else "para")
    i += 1
    b.heading(f"{i}. Recommendations")
    emit(b, rng, s["outcome"])
    recs = recommendations(g, rng.randint(2, 5))
    b.items(recs, rng.choice(["num", "num)", "- "]))


def assess_sos(b, g, s, rng):
    c = g.ctx["c"]
    b.heading("What has happened?"); emit(b, rng, s["reason"])
    b.heading("What are we worried about?"); b.items(s["worry"], "- ")
    emit(b, rng, s["analysis"][:2])
    b.heading("What's working well?")
    emit(b, rng, g.filler("parenting", rng.randint(1, 3), kinds={"pos"}) or [Unit("Not recorded.")])
    b.heading("Parenting"); emit(b, rng, s["parenting"])
    b.heading("Family background"); emit(b, rng, s["history"] + s["env"])
    b.heading(f"What does {c} say?")
    emit(b, rng, s["views"] or [Unit(rng.choice(["Not recorded.", "To follow.", "See above."]))])
    b.heading(f"{c}'s health and education"); emit(b, rng, s["dev"])
    n = rng.randint(3, 7)
    b.heading("Scaling")
    b.line(f"On a scale of 0 to 10, where 10 means everyone agrees {c} is safe enough for the case to end "
           f"and 0 means {c} cannot stay at home, the social worker scored {n} and {g.ctx['mum']} scored {min(10, n + 2)}.")
    b.blank()
    b.heading("What needs to happen?")
    emit(b, rng, s["analysis"][2:] + s["outcome"])
    b.items(recommendations(g, rng.randint(2, 4)), "- ")


def assess_lettered(b, g, s, rng):
    dash = rng.choice(["–", "-", ":"])
    b.heading(f"Section A {dash} Referral information"); emit(b, rng, s["reason"] + s["sources"])
    b.heading(f"Section B {dash} The child's world"); emit(b, rng, s["dev"])
    b.heading(f"Section C {dash} Views of the child"); emit(b, rng, s["views"] or [Unit("See Section B.")])
    b.heading(f"Section D {dash} Parents and carers"); emit(b, rng, s["parenting"])
    b.heading(f"Section E {dash} Family history")
    emit(b, rng, s["history"])
    if g.levels["family_history"] >= 2 and rng.random() < 0.6:
        rows = g.chrono(rng.randint(2, 4))
        if rows:
            b.rows(rng.choice(["Date | Event | Source", "Year | What happened | Source of information"]), rows)
    b.heading(f"Section F {dash} Home and environment"); emit(b, rng, s["env"])
    b.heading(f"Section G {dash} Analysis of risk and need"); emit(b, rng, s["analysis"])
    b.heading(f"Section H {dash} Decision"); emit(b, rng, s["outcome"])


def assess_markdown(b, g, s, rng):
    b.heading("## Summary"); emit(b, rng, s["outcome"][:1] + s["reason"][:1])
    b.heading("## Reason for involvement"); emit(b, rng, s["reason"][1:] + s["sources"])
    b.heading("## The child"); emit(b, rng, s["dev"])
    b.heading("## Voice of the child"); emit(b, rng, s["views"], mode="- " if rng.random() < 0.5 else "para")
    b.heading("## Parenting"); emit(b, rng, s["parenting"])
    b.heading("## Family history"); emit(b, rng, s["history"])
    b.heading("## Environment"); emit(b, rng, s["env"])
    b.heading("## Analysis"); emit(b, rng, s["analysis"])
    b.heading("## Next steps"); emit(b, rng, s["outcome"][1:])
    b.items(recommendations(g, rng.randint(1, 4)), "- ")


def assess_form(b, g, s, rng):
    for label, key in (("Reason for contact", "reason"), ("Sources of information", "sources"),
                       ("Child's presentation", "dev"), ("Views of the child", "views"),
                       ("Parenting", "parenting"), ("Family history", "history"),
                       ("Home conditions", "env"), ("Analysis", "analysis"), ("Outcome", "outcome")):
        units = s[key]
        if not units:
            b.line(f"{label}: {rng.choice(['N/A', 'Not known', 'Not recorded', '-'])}")
            b.blank()
            continue
        emit(b, rng, units, prefix=f"{label}: ", split=False)


def assess_decimal(b, g, s, rng):
    secs = [("Introduction", ["reason", "sources"]), ("The child", ["dev"]),
            ("The child's views", ["views"]), ("Parenting", ["parenting"]),
            ("Background", ["history"]), ("Environment", ["env"]),
            ("Analysis", ["analysis"]), ("Conclusion", ["outcome"])]
    i = 0
    for title, keys in secs:
        units = [u for k in keys for u in s[k]]
        if not units:
            continue
        i += 1
        b.heading(f"{i}. {title}")
        b.blank()
        j = 0
        while units:
            j += 1
            chunk = take(units, rng.randint(2, 4))
            b.para(chunk, f"{i}.{j} ")


def assess_child_centred(b, g, s, rng):
    c = g.ctx["c"]
    b.heading(f"About {c}"); emit(b, rng, s["dev"])
    b.heading(f"What {c} has said"); emit(b, rng, s["views"] or [Unit(f"{c}'s views are not recorded here.")])
    b.heading("Who is in the family"); emit(b, rng, s["parenting"])
    b.heading("The family's story so far"); emit(b, rng, s["history"])
    b.heading("Home"); emit(b, rng, s["env"])
    b.heading("What people are worried about"); emit(b, rng, s["reason"]); b.items(s["worry"], "• ")
    b.heading("What we think"); emit(b, rng, s["analysis"])
    b.heading("What happens next"); emit(b, rng, s["outcome"])
    b.items(recommendations(g, rng.randint(2, 4)), "• ")


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


def assess_roman(b, g, s, rng):
    secs = [("Background to the referral", "reason"), ("Sources of information", "sources"),
            ("The child", "dev"), ("Wishes and feelings", "views"), ("Parents and carers", "parenting"),
            ("History", "history"), ("Home and finances", "env"), ("Analysis", "analysis"),
            ("Conclusion", "outcome")]
    i = 0
    for title, key in secs:
        if not s[key]:
            continue
        b.heading(f"{ROMAN[i]}. {title}")
        i += 1
        emit(b, rng, s[key])


def assess_colon(b, g, s, rng):
    for title, key in (("Reason for referral:", "reason"), ("Child's presentation:", "dev"),
                       ("Child's views:", "views"), ("Parenting:", "parenting"),
                       ("Background:", "history"), ("Home conditions:", "env"),
                       ("Agencies consulted:", "sources"), ("Assessment of risk:", "analysis"),
                       ("Outcome:", "outcome")):
        b.heading(title)
        if s[key]:
            emit(b, rng, s[key])
        else:
            b.line(rng.choice(["Not completed.", "N/A", "None recorded."]))
            b.blank()


ASSESSMENT_FAMILIES = {
    "triangle": ("CHILD AND FAMILY ASSESSMENT", assess_triangle),
    "numbered": ("Child and Family Assessment", assess_numbered),
    "sos": ("Single Assessment – Signs of Safety", assess_sos),
    "lettered": ("SINGLE ASSESSMENT", assess_lettered),
    "markdown": ("# Child and Family Assessment", assess_markdown),
    "form": ("Single Assessment Record", assess_form),
    "decimal": ("CHILD AND FAMILY ASSESSMENT (SECTION 17 / SECTION 47)", assess_decimal),
    "child_centred": ("Assessment of Need", assess_child_centred),
    "roman": ("Child and Family Assessment Report", assess_roman),
    "colon": ("Assessment summary", assess_colon),
}


def build_assessment(rng, ctx, th, family, levels, transform):
    g = Gen(rng, ctx, th, "assessment", levels)
    verbosity = {3: 1.3, 2: 1.0, 1: 0.8, 0: 0.8}[max(levels.values())]
    s = assessment_sections(g, verbosity)
    b = Builder(transform)
    title, fn = ASSESSMENT_FAMILIES[family]
    d0 = ctx["_d0"]
    start = d0 - dt.timedelta(days=rng.randint(25, 44))
    header(b, rng, ctx, title, [f"Assessment started: {f_dmy(start)}   Completed: {f_dmy(d0)}"])
    fn(b, g, s, rng)
    if rng.random() < 0.5:
        b.line(f"Manager's comment: {rng.choice(['Agree with the outcome.', 'Analysis is clear; agree with recommendation.', 'Please add the chronology before sign-off.', 'Agreed.'])} – {ctx['tm']}, {f_dmy(d0 + dt.timedelta(days=2))}")
    return b


# ---------------------------------------------------------------------------------------------
# Plans (child protection and child in need)
# ---------------------------------------------------------------------------------------------

TABLES = {
    "awb": ("Action | Who | By when", ["task", "owner", "when"]),
    "otldr": ("Outcome | Task | Lead | Date | RAG", ["outcome", "task", "owner", "when", "rag"]),
    "www": ("What | Who | When", ["task", "owner", "when"]),
    "wwhat": ("Who | What | When", ["owner", "task", "when"]),
    "num": ("No. | Action | Responsible | Timescale | Progress", ["no", "task", "owner", "when", "progress"]),
    "need": ("Need | Action | Responsible | Review date", ["outcome", "task", "owner", "when"]),
    "ahw": ("What needs to happen | Who will do it | When by", ["task", "owner", "when"]),
    "atl": ("Task | Lead agency | Target date", ["task", "owner", "when"]),
}

AGENCY_HEADINGS = [
    ("Children's social care", {"sw", "tm", "fsw"}),
    ("Health", {"hv", "nurse", "gp", "paed", "cmht", "camhs"}),
    ("Education", {"school", "nursery"}),
    ("Family", {"mum", "dad", "parents", "family", "child"}),
    ("Other agencies", None),
]


def action_quality(rng, quality: str) -> tuple[dict, dict]:
    """Shares of actions lacking an owner / a checkable when / a concrete task, per dimension."""
    def level(q):
        if rng.random() < 0.25:  # dimensions are not perfectly correlated
            q = rng.choice(["good", "mixed", "poor"])
        return q
    ql = {"own": level(quality), "ts": level(quality), "unspec": level(quality)}
    ranges = {"own": {"good": (0, 0.06), "mixed": (0.06, 0.2), "poor": (0.2, 0.45)},
              "ts": {"good": (0, 0.12), "mixed": (0.3, 0.5), "poor": (0.6, 0.95)},
              "unspec": {"good": (0, 0.08), "mixed": (0.15, 0.32), "poor": (0.35, 0.6)}}
    q = {k: rng.uniform(*ranges[k][ql[k]]) for k in ql}
    q["vague"] = rng.uniform(0.55, 0.85)
    return q, ql


def plan_actions(b: Builder, g: Gen, fmt: tuple, acts: list[Act], review: bool, sections=None):
    rng, ctx, th = g.rng, g.ctx, g.th
    kind = fmt[0]
    if kind == "table":
        head, cols = TABLES[fmt[1]]
        if rng.random() < 0.25:
            head = head.upper()
        units = [render_row(rng, a, cols, ctx, th, i, review) for i, a in enumerate(acts)]
        if sections:
            parts = split_n(rng, units, 2)
            for title, part in zip(sections, parts):
                if part:
                    b.heading(title)
                    b.rows(head, part)
        else:
            b.rows(head, units)
    elif kind == "blocks":
        labels = fmt[1]
        b.blocks([render_block(rng, a, labels, ctx, th) for a in acts])
    elif kind == "items":
        units = [render_sentence(rng, a, ctx) for a in acts]
        b.items(units, fmt[1])
    elif kind == "prose":
        units = [render_sentence(rng, a, ctx, prose=True) for a in acts]
        while units:
            b.para(take(units, rng.randint(2, 5)))
    elif kind == "agency":
        groups: dict[str, list] = {h: [] for h, _ in AGENCY_HEADINGS}
        for a in acts:
            for h, gs in AGENCY_HEADINGS:
                if gs is None or a.task["group"] in gs:
                    groups[h].append(a)
                    break
        for h, lst in groups.items():
            if not lst:
                continue
            b.heading(h if rng.random() < 0.7 else h.upper())
            if rng.random() < 0.5:
                b.para([render_sentence(rng, a, ctx, prose=True) for a in lst])
            else:
                b.items([render_sentence(rng, a, ctx) for a in lst], "- ")


def plan_material(g: Gen) -> dict:
    rng = g.rng
    m = labelled_material(g, "plan")
    s = {}
    s["reason"] = g.theme_lines("reason", rng.randint(2, 4), allow_cv=g.levels["child_voice"] > 0)
    s["worry"] = g.theme_lines("worry", rng.randint(2, 4))
    s["change"] = g.theme_lines("change", rng.randint(2, 3))
    s["analysis"] = g.theme_lines("analysis", rng.randint(0, 2))
    s["history"] = interleave(rng, m["fh"], m["both"], m["bare_fh"]) + m["gap_fh"]
    s["views"] = interleave(rng, m["cv"], m["unclear"]) + m["gap_cv"]
    s["neg_cv"] = m["neg_cv"][:1]
    s["history"] = interleave(rng, s["history"], m["neg_fh"][:1] + m["neg_med"])
    s["strengths"] = g.filler("parenting", rng.randint(1, 2), kinds={"pos"})
    s["contingency"] = g.filler("contingency", rng.randint(1, 2))
    return s


def _dates_block(b, rng, ctx, doc_type):
    d0 = ctx["_d0"]
    cg = [d0 + dt.timedelta(days=10 + 28 * i + rng.randint(0, 4)) for i in range(3)]
    rv = d0 + dt.timedelta(days=rng.choice([84, 90, 180]))
    if doc_type == "cp_plan":
        b.line(f"Core group meetings: {', '.join(f_dmy(x) for x in cg)}")
        b.line(f"Review child protection conference: {f_dmy(rv)}")
    else:
        b.line(f"CIN meetings: {', '.join(f_dmy(x) for x in cg[:2])}")
        b.line(f"CIN review: {f_long(rv)}")
    b.blank()


def _views_or_gap(rng, s, ctx):
    if s["views"]:
        return s["views"]
    return [Unit(rng.choice(["N/A.", "Not gathered at this stage.", "To be completed.",
                             f"{ctx['c']} was not spoken to before the meeting."]))]


PLAN_HEADINGS = {
    "reason": ["Reason for the plan", "Why this plan is needed", "Summary of concerns",
               "Why we are involved", "Reasons for the plan"],
    "history": ["Background", "Family history", "Relevant background", "What has happened before",
                "History"],
    "worry": ["What are we worried about?", "Worries", "Risks", "Current concerns",
              "What the professionals are worried about"],
    "change": ["What needs to change", "Outcomes", "Desired outcomes", "What we want to see",
               "Goals of the plan"],
    "views": ["What {c} has said", "Voice of the child", "Lived experience of the child",
              "The child's views", "{c}'s wishes and feelings"],
    "plan": ["{plan}", "Actions", "Plan of work", "Who will do what", "The plan"],
    "contingency": ["Contingency", "Plan B", "Contingency arrangements", "If the plan is not working"],
    "meetings": ["Meetings", "Review arrangements", "Dates", "Core group and review"],
}


def heading_maker(b: Builder, rng, ctx: dict, doc_type: str):
    """A numbering and capitalisation style for one document's headings."""
    style = rng.choice(["num", "num)", "section", "plain", "upper", "md"])
    plan = "Child Protection Plan" if doc_type == "cp_plan" else "Child in Need Plan"
    count = [0]

    def H(key: str):
        text = rng.choice(PLAN_HEADINGS[key]).replace("{c}", ctx["c"]).replace("{plan}", plan)
        count[0] += 1
        n = count[0]
        b.heading({"num": f"{n}. {text}", "num)": f"{n}) {text}", "section": f"Section {n} – {text}",
                   "plain": text, "upper": text.upper(), "md": f"## {text}"}[style])
    return H


def plan_classic(b, g, s, rng, doc_type, acts, review, fmt):
    H = heading_maker(b, rng, g.ctx, doc_type)
    H("reason"); emit(b, rng, s["reason"] + s["analysis"])
    if s["history"] or rng.random() < 0.5:
        H("history")
        emit(b, rng, s["history"] or [Unit(rng.choice(["Not known.", "See assessment.", "No information."]))])
    H("worry"); b.items(s["worry"], rng.choice(["- ", "* ", "• "]))
    H("change"); b.items(s["change"], rng.choice(["- ", "* ", "• "]))
    H("views")
    emit(b, rng, _views_or_gap(rng, s, g.ctx) + s["neg_cv"])
    H("plan")
    plan_actions(b, g, fmt, acts, review)
    H("contingency"); emit(b, rng, s["contingency"])
    H("meetings"); _dates_block(b, rng, g.ctx, doc_type)


def plan_review(b, g, s, rng, doc_type, acts, review, fmt):
    up = rng.random() < 0.35
    T = (lambda t: t.upper()) if up else (lambda t: t)
    b.heading(T(rng.choice(["Progress since the last review", "Update since the last meeting",
                            "What has happened since the last review"])))
    emit(b, rng, s["reason"] + s["strengths"])
    b.heading(T(rng.choice(["Family background", "Background and history", "Family history"])))
    emit(b, rng, s["history"] or [Unit("Please refer to the assessment.")])
    b.heading(T(rng.choice(["Child's views and lived experience", "What the children have told us",
                            "Voice of the child"])))
    emit(b, rng, _views_or_gap(rng, s, g.ctx) + s["neg_cv"])
    b.heading(T(rng.choice(["Outcomes and actions", "Updated plan", "Review of actions and next steps"])))
    plan_actions(b, g, fmt, acts, True)
    b.heading(T(rng.choice(["Contingency plan", "Contingency", "If things do not improve"])))
    emit(b, rng, s["contingency"])
    _dates_block(b, rng, g.ctx, doc_type)


def plan_sos(b, g, s, rng, doc_type, acts, review, fmt):
    c = g.ctx["c"]
    b.heading("Danger statement")
    emit(b, rng, s["worry"][:2])
    b.heading("Safety goal")
    emit(b, rng, s["change"])
    b.heading("What's working well")
    emit(b, rng, s["strengths"])
    b.heading("The family's story")
    emit(b, rng, s["history"] + s["reason"])
    b.heading(f"What {c} and the other children say")
    emit(b, rng, _views_or_gap(rng, s, g.ctx), mode="- " if rng.random() < 0.4 else "para")
    b.heading("Next steps")
    plan_actions(b, g, fmt, acts, review)
    b.heading("If things go wrong")
    emit(b, rng, s["contingency"])


def plan_plain(b, g, s, rng, doc_type, acts, review, fmt):
    ctx = g.ctx
    c = ctx["c"]
    b.para([Unit(f"This plan has been written for {ctx['mum']}, {ctx['dad']} and {c}, in everyday words.")])
    b.heading("Why we are working with your family")
    emit(b, rng, s["reason"] + s["history"])
    b.heading(f"What {c} told us")
    emit(b, rng, _views_or_gap(rng, s, ctx))
    b.heading("What needs to be different")
    b.items(s["change"], "- ")
    b.heading("Who will do what")
    plan_actions(b, g, fmt, acts, review)
    b.heading("If things get worse")
    emit(b, rng, s["contingency"] + [Unit(f"You can ring {ctx['sw_first']} on 07700 900{rng.randint(100, 999)}, or the out of hours team in an emergency.")])
    _dates_block(b, rng, ctx, doc_type)


def plan_core_group(b, g, s, rng, doc_type, acts, review, fmt):
    up = rng.random() < 0.5
    T = (lambda t: t.upper() if up else t)
    b.heading(T(rng.choice(["Concerns", "Concerns raised", "What we are worried about"])))
    emit(b, rng, s["reason"])
    b.items(s["worry"], rng.choice(["* ", "- ", "• "]))
    b.heading(T(rng.choice(["Family history", "History", "Background"])))
    emit(b, rng, s["history"] or [Unit("Not recorded.")])
    b.heading(T(rng.choice(["Views of the child", "Child's voice", "What the child says"])))
    emit(b, rng, _views_or_gap(rng, s, g.ctx) + s["neg_cv"])
    b.heading(T(rng.choice(["Actions agreed", "Core group actions", "Agreed actions"])))
    plan_actions(b, g, fmt, acts, review)
    b.heading(T(rng.choice(["If the plan does not work", "Contingency", "What happens if things do not change"])))
    emit(b, rng, s["contingency"])
    _dates_block(b, rng, g.ctx, doc_type)


def plan_agency(b, g, s, rng, doc_type, acts, review, fmt):
    c = g.ctx["c"]
    b.heading("Summary of concerns")
    emit(b, rng, s["reason"] + s["analysis"])
    if s["history"]:
        b.heading("Relevant history")
        emit(b, rng, s["history"])
    b.heading(f"{c}'s wishes and feelings")
    emit(b, rng, _views_or_gap(rng, s, g.ctx))
    b.heading("Outcomes we want")
    b.items(s["change"], "• ")
    b.heading("What each agency will do")
    plan_actions(b, g, ("agency",), acts, review)
    b.heading("Contingency")
    emit(b, rng, s["contingency"])
    _dates_block(b, rng, g.ctx, doc_type)


PLAN_FAMILIES = {
    "table_awb": (plan_classic, ("table", "awb")),
    "review_rag": (plan_review, ("table", "otldr")),
    "blocks_art": (plan_core_group, ("blocks", BLOCK_LABELS[0])),
    "sos_numbered": (plan_sos, ("items", "num")),
    "table_www": (plan_classic, ("table", "www")),
    "family_safety": (plan_sos, ("table", "wwhat")),
    "shorthand": (plan_core_group, ("items", "- ")),
    "agency_prose": (plan_agency, ("agency",)),
    "blocks_tlb": (plan_review, ("blocks", BLOCK_LABELS[1])),
    "table_num": (plan_review, ("table", "num")),
    "plain": (plan_plain, ("items", "- ")),
    "table_need": (plan_classic, ("table", "need")),
    "blocks_misc": (plan_core_group, ("blocks", None)),
    "prose_will": (plan_plain, ("prose",)),
    "table_ahw": (plan_core_group, ("table", "ahw")),
    "bullets_star": (plan_classic, ("items", "• ")),
    "table_atl": (plan_review, ("table", "atl")),
    "alpha_items": (plan_sos, ("items", "alpha)")),
}


def build_plan(rng, ctx, th, doc_type, family, levels, quality, transform):
    g = Gen(rng, ctx, th, doc_type, levels)
    s = plan_material(g)
    fn, fmt = PLAN_FAMILIES[family]
    if fmt[0] == "blocks" and fmt[1] is None:
        fmt = ("blocks", rng.choice(BLOCK_LABELS[2:]))
    q, ql = action_quality(rng, quality)
    n = rng.randint(12, 25)
    fp_share = 0.45 if family == "family_safety" else (0.12 if family in ("plain", "sos_numbered") else 0.0)
    acts = choose_actions(rng, ctx, th, doc_type, q, n, fp_share=fp_share)
    review = family in ("review_rag", "table_num", "blocks_tlb", "table_atl") or rng.random() < 0.2
    b = Builder(transform)
    d0 = ctx["_d0"]
    if doc_type == "cp_plan":
        conf = "Review Child Protection Conference" if review else "Initial Child Protection Conference"
        title = rng.choice([f"CHILD PROTECTION PLAN ({'RCPC' if review else 'ICPC'})",
                            "Child Protection Plan", "OUTLINE CHILD PROTECTION PLAN",
                            "Core Group Child Protection Plan"])
        extra = [f"Category: {th['cat']}", f"{conf}: {f_dmy(d0)}", f"Chair: {ctx['chair']}"]
    else:
        title = rng.choice(["CHILD IN NEED PLAN", "Child in Need Plan (section 17)",
                            "CIN Review Plan" if review else "Child in Need Plan",
                            "Family Support Plan – Child in Need"])
        extra = [f"Plan agreed: {f_long(d0)}"]
    header(b, rng, ctx, title, extra)
    fn(b, g, s, rng, doc_type, acts, review, fmt)
    return b, fmt, ql


# ---------------------------------------------------------------------------------------------
# Ratings, computed from what was actually written
# ---------------------------------------------------------------------------------------------

def rate(doc_type: str, units: list[Unit], actions: list[dict], band: str) -> dict:
    fh = [u for u in units if FH in u.labels]
    cv = [u for u in units if CV in u.labels]
    fh_n, fh_kinds = len(fh), len({u.kind for u in fh})
    cv_n = len(cv)
    seen = any(u.kind == "seen_alone" for u in cv)
    words = sum(1 for u in cv if u.kind in WORD_KINDS)
    young = band in ("b", "t")
    r = {}
    if doc_type == "assessment":
        r[FH] = 0 if fh_n == 0 else 1 if fh_n <= 4 else 3 if (fh_n >= 8 and fh_kinds >= 4) else 2
        good_cv = cv_n >= 9 and ((seen and words >= 3) or young)
        r[CV] = 0 if cv_n == 0 else 1 if cv_n <= 4 else 3 if good_cv else 2
        return r
    r[FH] = 0 if fh_n == 0 else 1 if fh_n <= 2 else 2 if fh_n <= 4 else 3 if fh_kinds >= 3 else 2
    good_cv = words >= 2 or young
    r[CV] = 0 if cv_n == 0 else 1 if cv_n <= 2 else 2 if cv_n <= 4 else 3 if good_cv else 2
    n = max(1, len(actions))
    spec = sum(1 for a in actions if a["specific"] and a["owner"] is not None) / n
    ts = sum(1 for a in actions if a["timescale"] is not None) / n
    r["specific_tasks"] = 3 if spec >= 0.85 else 2 if spec >= 0.65 else 1 if spec >= 0.3 else 0
    r["timescales"] = 3 if ts >= 0.85 else 2 if ts >= 0.6 else 1 if ts >= 0.2 else 0
    return r


# ---------------------------------------------------------------------------------------------
# House-style variation: abbreviations and typing slips in a minority of documents
# ---------------------------------------------------------------------------------------------

ABBREV = [("review child protection conference", "RCPC"), ("initial child protection conference", "ICPC"),
          ("core group meeting", "CGM"), ("designated safeguarding lead", "DSL"),
          ("social worker", "SW"), ("Social worker", "SW"), ("health visitor", "HV"),
          ("Health visitor", "HV"), ("family support worker", "FSW"), ("Child in Need", "CIN"),
          ("domestic abuse", "DA"), ("as soon as possible", "ASAP"), ("appointment", "appt"),
          ("mental health", "MH"), ("without", "w/o")]
TYPOS = [("received", "recieved"), ("separated", "seperated"), ("occurred", "occured"),
         ("until", "untill"), ("definitely", "definately"), ("accommodation", "accomodation"),
         ("environment", "enviroment"), ("which", "wich"), ("really", "realy"),
         ("professionals", "proffesionals"), ("immediately", "immediatly"),
         ("attendance", "attendence"), ("behaviour", "behavour"), ("necessary", "neccessary"),
         ("believe", "beleive"), ("arguments", "arguements"), ("neighbours", "nieghbours"),
         ("their", "thier"), ("because", "becuase"), ("appointments", "appointmets"),
         ("school", "shcool"), ("separate", "seperate"), ("received", "recived")]


def make_transform(rng: random.Random, abbrev: bool, typos: bool):
    if not abbrev and not typos:
        return None

    def ab(s):
        if s is None or not abbrev:
            return s
        parts = s.split('"')
        for i in range(0, len(parts), 2):  # leave the child's and parents' own words alone
            for a, b in ABBREV:
                parts[i] = parts[i].replace(a, b)
        return '"'.join(parts)

    def ty(s):
        if not typos or rng.random() > 0.18:
            return s
        opts = [(a, b) for a, b in TYPOS if re.search(rf"\b{a}\b", s)]
        if not opts:
            return s
        a, b = rng.choice(opts)
        return re.sub(rf"\b{a}\b", b, s, count=1)

    def transform(u: Unit):
        new = ty(ab(u.text))
        if u.action is None:
            u.text = new
            return
        a = u.action
        na = {k: ab(a[k]) for k in ("owner", "timescale", "timescale_vague")}
        if _check(new, na["owner"], na["timescale"], na["timescale_vague"]):
            u.text = new
            a.update(na)
        else:
            new = ab(u.text)
            if _check(new, na["owner"], na["timescale"], na["timescale_vague"]):
                u.text = new
                a.update(na)
    return transform


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------

LEVELS = {
    "good": {3: 0.65, 2: 0.3, 1: 0.05},
    "mixed": {0: 0.1, 1: 0.35, 2: 0.45, 3: 0.1},
    "poor": {0: 0.45, 1: 0.45, 2: 0.1},
}


def _wchoice(rng, d: dict):
    return rng.choices(list(d), weights=list(d.values()))[0]


def _spread(rng: random.Random, items: list, n: int) -> list:
    """n picks that use every item about equally often, in random order."""
    out = []
    while len(out) < n:
        block = list(items)
        rng.shuffle(block)
        out += block
    return out[:n]


def plan_corpus(seed: int, n_a: int, n_cp: int, n_cin: int) -> list[dict]:
    rng = random.Random(f"plan:{seed}")
    docs = []
    for doc_type, n in (("assessment", n_a), ("cp_plan", n_cp), ("cin_plan", n_cin)):
        fams = list(ASSESSMENT_FAMILIES) if doc_type == "assessment" else list(PLAN_FAMILIES)
        themes = [k for k, t in THEMES.items() if doc_type in t["types"]]
        quals = _spread(rng, ["good"] * 7 + ["mixed"] * 8 + ["poor"] * 5, n)
        for fam, th, q in zip(_spread(rng, fams, n), _spread(rng, themes, n), quals):
            docs.append({"doc_type": doc_type, "family": fam, "theme": th, "quality": q})
    for i, d in enumerate(docs):
        d["id"] = f"g-{i + 1:03d}"
    return docs


def build_document(seed: int, spec: dict) -> dict:
    for attempt in range(60):
        rng = random.Random(f"{seed}:{spec['id']}:{attempt}")
        th = THEMES[spec["theme"]]
        ctx = make_context(rng, spec["doc_type"], th)
        q = spec["quality"]
        levels = {FH: _wchoice(rng, LEVELS[q]), CV: _wchoice(rng, LEVELS[q])}
        abbrev = rng.random() < 0.22
        typos = rng.random() < 0.2
        transform = make_transform(random.Random(f"t:{seed}:{spec['id']}:{attempt}"), abbrev, typos)
        if spec["doc_type"] == "assessment":
            b = build_assessment(rng, ctx, th, spec["family"], levels, transform)
            fmt, ql = None, None
        else:
            b, fmt, ql = build_plan(rng, ctx, th, spec["doc_type"], spec["family"], levels, q, transform)
        text = b.text()
        if not verify(text, b.sentences, b.actions):
            continue
        words = len(text.split())
        if spec["doc_type"] == "assessment" and not 400 <= words <= 1200:
            continue
        if spec["doc_type"] != "assessment" and not 12 <= len(b.actions) <= 25:
            continue
        ratings = rate(spec["doc_type"], b.units, b.actions, ctx["_band"])
        notes = [f"generated {spec['doc_type']}", f"template {spec['family']}",
                 f"theme {spec['theme']}", f"quality {q}"]
        if fmt:
            notes.append("format " + "/".join(str(x) if not isinstance(x, tuple) else "-".join(x) for x in fmt))
            notes.append("actions " + ", ".join(f"{k} {v}" for k, v in ql.items()))
        if abbrev:
            notes.append("abbreviations")
        if typos:
            notes.append("typos")
        ann = {
            "id": spec["id"], "doc_type": spec["doc_type"], "source": "generated",
            "style": "; ".join(notes), "ratings": ratings,
            "sentences": [dict({"quote": s["quote"], "labels": s["labels"]},
                               **({"unclear": s["unclear"]} if s["unclear"] else {}))
                          for s in b.sentences],
            "actions": [{k: a[k] for k in ("quote", "owner", "timescale", "timescale_vague", "specific")}
                        for a in b.actions],
        }
        return {"text": text, "ann": ann, "words": words}
    raise RuntimeError(f"could not build {spec['id']} after 60 attempts")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    ap.add_argument("--assessments", type=int, default=N_ASSESSMENTS)
    ap.add_argument("--cp", type=int, default=N_CP)
    ap.add_argument("--cin", type=int, default=N_CIN)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for old in list(args.out.glob("g-*.txt")) + list(args.out.glob("g-*.ann.json")):
        old.unlink()
    specs = plan_corpus(args.seed, args.assessments, args.cp, args.cin)
    totals = {"assessment": 0, "cp_plan": 0, "cin_plan": 0}
    n_sent = n_act = 0
    for spec in specs:
        doc = build_document(args.seed, spec)
        (args.out / f"{spec['id']}.txt").write_text(doc["text"], encoding="utf-8")
        (args.out / f"{spec['id']}.ann.json").write_text(
            json.dumps(doc["ann"], ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        totals[spec["doc_type"]] += 1
        n_sent += len(doc["ann"]["sentences"])
        n_act += len(doc["ann"]["actions"])
    print(f"wrote {len(specs)} documents to {args.out}: "
          + ", ".join(f"{v} {k}" for k, v in totals.items())
          + f"; {n_sent} labelled spans, {n_act} actions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
