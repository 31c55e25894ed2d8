"""Fixed fictional benchmark inputs, generated deterministically from the phrase banks below.

Every person, place and event here is invented for benchmarking; nothing is taken from the
corpus. The same seed gives the same text on every machine and Python 3.11 run.

    python benchmarks/make_inputs.py          # rewrites benchmarks/data/*.txt (committed)

`assessment(seed, words)`, `plan(seed, words)` and `batch(n)` are what `benchmarks/bench.py`
uses: seed 0 is the committed file; other seeds give documents of the same shape with other
names and sentences, so a "warm" review never sees the same document twice.
"""
from __future__ import annotations

import random
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

CHILD_NAMES = [
    "Alfie", "Amara", "Bilal", "Callum", "Daisy", "Eliza", "Farah", "Freddie", "Georgia", "Harvey",
    "Imani", "Isaac", "Jada", "Jayden", "Kacey", "Kian", "Layla", "Logan", "Maisie", "Milo",
    "Nia", "Oakley", "Olivia", "Oscar", "Poppy", "Reggie", "Rosie", "Ruben", "Sienna", "Tate",
    "Tilly", "Tyler", "Uma", "Vinnie", "Willow", "Yusuf", "Zara", "Zion", "Esme", "Arlo",
]
ADULT_NAMES = [
    "Abigail", "Bethany", "Carla", "Danielle", "Ellen", "Fiona", "Gemma", "Hayley", "Jodie", "Kerry",
    "Leanne", "Michelle", "Natalie", "Paula", "Rachel", "Shona", "Tanya", "Vicky", "Aaron", "Barry",
    "Craig", "Darren", "Gavin", "Jason", "Karl", "Lee", "Martin", "Neil", "Ryan", "Steven",
]
SURNAMES = ["Ashdown", "Barlow", "Crane", "Dunmore", "Eastwood", "Fairley", "Gorman", "Holloway",
            "Ingram", "Jarrow", "Kettle", "Lomax", "Marsden", "Norcott", "Pellow", "Quarry",
            "Redfern", "Stanwick", "Thorley", "Wexham"]
WORKERS = ["Priya Nandra", "Owen Tallis", "Grace Mbeki", "Helen Roscoe", "Dev Kapoor", "Lucy Arden"]
SCHOOLS = ["Hillcrest Primary", "Meadowbank Academy", "St Anselm's Primary", "Riverside Nursery",
           "Brookfield Infants", "Larkspur Junior School"]
SERVICES = ["the Freedom Programme", "the Strengthening Families course", "the drug and alcohol service",
            "the perinatal mental health team", "the young carers group", "the housing options team",
            "the school nurse", "the family hub parenting group"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "September", "October",
          "November", "December"]

# {c} child, {c2} second child, {a} age, {m} mother, {f} father or partner, {s} school,
# {w} social worker, {v} service, {y} year, {d} a date, {mo} a month
HISTORY = [
    "{m} told me she grew up in {place} and was looked after by her grandmother from the age of nine.",
    "{m} described her own childhood as frightening because her father drank heavily.",
    "{f} was known to children's services as a teenager after he was excluded from school.",
    "There were two previous referrals in {y} about domestic abuse between {m} and a former partner.",
    "{m} and {f} met in {y} and separated for six months after an incident the police attended.",
    "Police checks show that {f} received a caution for assault in {y}.",
    "{m} said she left home at sixteen and lived in supported housing until {c} was born.",
    "The family moved to {place} in {y} to be nearer to {m}'s sister.",
    "{m}'s mother died when she was twelve and she was then cared for by her aunt.",
    "Previous involvement from {place} children's services ended in {y} when the family moved away.",
    "{f} said his own parents divorced when he was small and he rarely saw his father.",
    "Health records show that {m} had postnatal depression after {c2} was born.",
    "The family was known to the early help team in {y} because of rent arrears.",
    "{m} has a history of low mood going back to her teenage years.",
]
VOICE = [
    "{c} ({a}) told me \"I like it when Nana takes me to the park\".",
    "When I saw {c} alone at {s}, {c} said that home is noisy at night.",
    "{c} ({a}) drew a picture of the family and put {f} outside the house.",
    "I spoke with {c} at {s} and {c} said \"I worry about Mummy when she cries\".",
    "{c} showed me the bedroom and said the bed was \"comfy but cold\".",
    "{c} said that the best thing about home is playing with {c2}.",
    "During my visit {c} was observed playing calmly with building blocks.",
    "{c} was seen alone at {s} on {d} and talked about wanting to go swimming.",
    "{c2} smiled at {m} and reached for her when she came into the room.",
    "{c} told the teacher that {f} shouts when he has been drinking.",
    "{c}'s wishes are to stay living with {m} and to see {f} at weekends.",
    "{c} completed the three houses exercise with me and put school in the house of good things.",
]
GAPS = [
    "{c2} was not seen alone during this assessment.",
    "{f}'s family history was not explored.",
    "It was not possible to gather {c2}'s views because {c2} was asleep.",
    "Given the history, the risk remains high.",
]
OTHER = [
    "The family live in a two-bedroom flat on the second floor of a block in {place}.",
    "{c} attends {s} and attendance this term is {pct}%.",
    "The home was tidy on the announced visit but there was little food in the cupboards.",
    "{m} is currently not working and the family receive Universal Credit.",
    "The health visitor reports that {c2}'s weight has dropped from the 50th to the 25th centile.",
    "{s} report that {c} is often late and sometimes arrives hungry.",
    "{m} engaged well with the assessment and attended every planned visit.",
    "{f} did not attend the two planned appointments and did not answer calls.",
    "There are concerns about the condition of the home and the supervision of the children.",
    "Both parents agreed to share information with health and education.",
    "The worries are about neglect, exposure to domestic abuse and parental mental health.",
    "A strength is that {m} asks for help when she recognises that she is struggling.",
    "Extended family are supportive and {m}'s sister visits most weekends.",
    "The risk is that without change the children will continue to experience neglect.",
    "Analysis: the children are loved but their basic needs are not consistently met.",
]
ACTIONS_ROW = [
    "Attend {v} and complete all sessions | {m} | by {d}",
    "Visit the home unannounced and check food, heating and the children's sleeping arrangements | {w} (social worker) | every two weeks from {d}",
    "Book a GP appointment to review medication | {m} | within 7 days of the conference",
    "Share attendance figures with the social worker | {s} | weekly from {d}",
    "Engage with support services | {m} | ongoing",
    "Complete a home safety check | Fire service | ASAP",
    "Apply for a housing transfer | | by {d}",
    "Support the family with routines | Family support worker | TBC",
    "Complete direct work with {c} using words and pictures | {w} | by {d}",
    "Provide a drug test every month | {f} | monthly from {d}",
    "Monitor the children's presentation | All professionals | ongoing",
    "Refer {c2} to the speech and language service | Health visitor | by {d}",
]
ACTIONS_LINE = [
    "{m} will take {c} to the dentist by {d}.",
    "{w} will visit the family every two weeks and see {c} alone at each visit.",
    "{f} will attend {v} every Tuesday from {d}.",
    "She will keep the home clean and tidy.",
    "The school nurse will complete a health assessment for {c} by the end of term.",
    "{m} to attend the perinatal mental health appointment on {d}.",
    "Support will be offered to the family.",
    "{f} will not drink alcohol when caring for the children.",
    "The health visitor will weigh {c2} fortnightly until {d}.",
    "{w} to convene a core group meeting within 10 working days of the conference.",
]
CHANGE = [
    "The children need to have food in the house every day and a warm bed at night.",
    "{m} needs to keep the children safe from {f}'s drinking and from arguments in the home.",
    "What needs to change: the children should go to school every day, on time and fed.",
]
CONTINGENCY = [
    "If the plan is not followed, the social worker will hold a strategy discussion with the manager within 24 hours.",
    "If {f} returns to the home while drinking, {m} will call the police and the children will stay with {m}'s sister.",
]

ASSESSMENT_SECTIONS = [
    ("Reason for referral", OTHER, 3), ("Family history", HISTORY, 6), ("The child's views", VOICE, 6),
    ("Health", OTHER, 3), ("Education", OTHER, 3), ("Parenting capacity", OTHER, 4),
    ("Family and environment", OTHER, 3), ("Gaps in this assessment", GAPS, 2), ("Analysis", OTHER, 5),
]
PLACES = ["Northgate", "Eastfield", "Kingsmoor", "Ashby Vale", "Colton", "Wrenfield", "Harlow Cross"]


class _Filler:
    def __init__(self, rng: random.Random):
        kids = rng.sample(CHILD_NAMES, 2)
        adults = rng.sample(ADULT_NAMES[:18], 1) + rng.sample(ADULT_NAMES[18:], 1)
        self.rng = rng
        self.values = {
            "c": kids[0], "c2": kids[1], "a": rng.randint(5, 13), "a2": rng.randint(1, 4),
            "m": adults[0], "f": adults[1], "surname": rng.choice(SURNAMES),
            "s": rng.choice(SCHOOLS), "w": rng.choice(WORKERS), "place": rng.choice(PLACES),
        }

    def __call__(self, template: str) -> str:
        rng = self.rng
        values = dict(self.values, v=rng.choice(SERVICES), y=rng.randint(2012, 2023),
                      d=f"{rng.randint(1, 28)} {rng.choice(MONTHS)} 2025" if rng.random() < 0.5
                      else f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/2025",
                      mo=rng.choice(MONTHS), pct=rng.randint(70, 96))
        return template.format(**values)


def _words(parts: list[str]) -> int:
    return sum(len(p.split()) for p in parts)


def assessment(seed: int = 0, words: int = 3000) -> str:
    """A Child and Family Assessment of about `words` words."""
    rng = random.Random(f"assessment-{seed}")
    fill = _Filler(rng)
    v = fill.values
    head = [f"CHILD AND FAMILY ASSESSMENT\n\nChildren: {v['c']} {v['surname']} (age {v['a']}) and "
            f"{v['c2']} {v['surname']} (age {v['a2']})\nMother: {v['m']} {v['surname']}\n"
            f"Partner: {v['f']} Dunmore\nSocial worker: {v['w']}\n"]
    parts = list(head)
    rounds = 0
    while _words(parts) < words:
        for title, bank, n in ASSESSMENT_SECTIONS:
            if _words(parts) >= words:
                break
            heading = title if rounds == 0 else f"{title} (continued)"
            paragraph = " ".join(fill(t) for t in rng.sample(bank, min(n, len(bank))))
            parts.append(f"{heading}\n{paragraph}\n")
        rounds += 1
    parts.append("Recommendation\nThe children should be supported under a Child in Need plan.\n"
                 f"{v['w']} will arrange a Child in Need meeting within 10 working days.\n")
    return "\n".join(parts)


def plan(seed: int = 0, words: int = 1200) -> str:
    """A Child Protection plan of about `words` words: worries, goals, an action table, actions
    written as sentences and a contingency."""
    rng = random.Random(f"plan-{seed}")
    fill = _Filler(rng)
    v = fill.values
    parts = [f"CHILD PROTECTION PLAN\n\nChild: {v['c']} {v['surname']} (age {v['a']})\n"
             f"Child: {v['c2']} {v['surname']} (age {v['a2']})\nCategory: Neglect\n"
             f"Lead social worker: {v['w']}\n"]
    parts.append("Why we are worried\n" + " ".join(fill(t) for t in rng.sample(OTHER, 4)) + "\n")
    parts.append("Background\n" + " ".join(fill(t) for t in rng.sample(HISTORY, 3)) + "\n")
    parts.append(f"What {v['c']} has told us\n" + " ".join(fill(t) for t in rng.sample(VOICE, 2)) + "\n")
    parts.append("What needs to change\n" + " ".join(fill(t) for t in CHANGE) + "\n")
    table = ["Action | Who | By when"]
    lines = ["Next steps"]
    while _words(parts) + _words(table) + _words(lines) < words - 60:
        table.append(fill(rng.choice(ACTIONS_ROW)))
        lines.append("- " + fill(rng.choice(ACTIONS_LINE)))
    parts.append("\n".join(table) + "\n")
    parts.append("\n".join(lines) + "\n")
    parts.append("Contingency\n" + " ".join(fill(t) for t in CONTINGENCY) + "\n")
    return "\n".join(parts)


def batch(n: int = 200) -> list[dict[str, str]]:
    """`n` mixed documents (assessments and plans of 400 to 1,600 words), with ids."""
    rng = random.Random("batch")
    out = []
    for i in range(n):
        kind = rng.choice(["assessment", "cp_plan", "cin_plan"])
        size = rng.randint(400, 1600)
        text = assessment(1000 + i, size) if kind == "assessment" else plan(1000 + i, size)
        if kind == "cin_plan":
            text = text.replace("CHILD PROTECTION PLAN", "CHILD IN NEED PLAN", 1)
        out.append({"id": f"bench-{i:03d}", "text": text})
    return out


def main() -> None:
    DATA.mkdir(exist_ok=True)
    for name, text in (("assessment_3000.txt", assessment(0)), ("plan_1200.txt", plan(0))):
        (DATA / name).write_text(text, encoding="utf-8")
        print(f"wrote {DATA / name} ({len(text.split())} words)")


if __name__ == "__main__":
    main()
