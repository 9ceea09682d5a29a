"""Demo data: realistic synthetic members for trying the app, training and benchmarks.

The people are made up from first and last names of many cultures and scripts (mostly
Latin script, as at a US or UK centre), combined at random; well-known real people are
ruled out. Phone numbers are in ranges set aside for fiction (US 555-01xx, UK Ofcom drama
numbers 07700 900xxx) and e-mail addresses are at example.org. The same seed on the same
day gives the same people and codes.

Demo data only ever goes into an empty database or one that is already a demo: a settings
row (``DEMO_MARKER``) marks a demo database, so a real centre's data is never mixed with
made-up people.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from dataclasses import dataclass
from pathlib import Path

from recoverydesk.db.repositories import bulk
from recoverydesk.db.repositories.members import sort_key
from recoverydesk.db.repositories.settings import SettingsRepository
from recoverydesk.domain.errors import RecoveryDeskError
from recoverydesk.domain.members import (
    EmergencyContact,
    Focus,
    MemberDraft,
    MemberStatus,
    Pathway,
)
from recoverydesk.domain.settings import PaperSize, SiteSettings
from recoverydesk.domain.text import clean_text, fold
from recoverydesk.services.container import Services, open_services

DEMO_MARKER = "demo_database"
DEMO_SETTINGS = SiteSettings(
    centre_name="Harbour Light Recovery Café",
    address="1 Quay Street\nHarbourtown",
    phone="(555) 555-0100",
    email="hello@example.org",
    time_zone="America/New_York",
    paper_size=PaperSize.LETTER,
    crisis_numbers="Crisis line: 988 (US) · Samaritans 116 123 (UK)",
)


class DemoRefusedError(RecoveryDeskError):
    """Demo people would be mixed into a database that holds real members."""


def _n(text: str) -> tuple[str, ...]:
    return tuple(clean_text(part) for part in text.split(",") if part.strip())


# One block per culture: its weight (share of people), then first names by gender, last
# names ("Kowalski/Kowalska": male/female forms), nicknames or Latin forms people go by,
# and first names for people of any gender. Indented lines continue the field above.
_CULTURE_TABLE = """
weight: 30
female: Emma, Olivia, Sarah, Jessica, Karen, Michelle, Lisa, Rachel, Hannah, Grace, Megan,
  Chloe, Amy, Laura, Jade, Tanya, Keisha, Shanice, Brittany, Donna, Heather, Leanne, Kirsty,
  Gemma, Rebecca, Samantha
male: James, Michael, David, Christopher, Daniel, Matthew, Ryan, Tyler, Kevin, Jamal, DeShawn,
  Marcus, Darnell, Gary, Wayne, Craig, Lee, Dean, Shane, Travis, Cody, Brandon, Liam, Connor,
  Anthony, William
last: Smith, Johnson, Williams, Brown, Jones, Miller, Davis, Wilson, Taylor, Thomas, Moore,
  Jackson, White, Harris, Clark, Lewis, Walker, Hall, Young, King, Wright, Green, Baker, Evans,
  Hughes, Roberts, Cooper, Ward, Bennett, Patterson, Turner, Collins, Price, Barnes, Fletcher,
  Okafor-Smith
preferred: Michael=Mike, Christopher=Chris, Daniel=Danny, Matthew=Matt, James=Jim, David=Dave,
  Jessica=Jess, Rebecca=Becky, Samantha=Sam, Anthony=Tony, William=Billy
neutral: Alex, Sam, Jordan, Taylor, Casey, Riley, Morgan, Jamie, Charlie, Robin

weight: 8
female: Siobhán, Niamh, Aoife, Saoirse, Caoimhe, Róisín, Eilidh, Mairi, Isla, Orla, Sinéad, Ailsa
male: Seán, Ciarán, Pádraig, Oisín, Cathal, Eoin, Callum, Ruairidh, Fraser, Lachlan, Darragh,
  Tadhg
last: O'Connor, Murphy, Byrne, Kelly, Ó Briain/Ní Bhriain, Fitzgerald, MacDonald, McLeod,
  Campbell, Stewart, MacLeòid, Mac Cárthaigh/Nic Cárthaigh, O'Neill
preferred: Pádraig=Paddy, Caoimhe=Keeva, Ruairidh=Rory, Siobhán=Shiv, Seán=Shaun

weight: 15
female: María José, Lucía, Carmen, Guadalupe, Sofía, Valentina, Ximena, Rocío, María Fernanda,
  Itzel, Yesenia, Marisol, Araceli, Inés
male: José, Alejandro, Javier, Mateo, Santiago, Juan Pablo, Jesús, Ángel, Raúl, Héctor,
  Joaquín, Iván, Andrés, Óscar
last: García, Rodríguez, Martínez, Hernández, López, González, Pérez, Sánchez, Ramírez, Torres,
  Flores, Núñez, Ibáñez, Muñoz, Jiménez, Peña, Castañeda, Ortiz, Vargas, García Núñez,
  de la Peña
preferred: José=Pepe, Guadalupe=Lupita, Alejandro=Alex, Jesús=Chuy, María José=Majo,
  Santiago=Santi, María Fernanda=Mafer

weight: 4
female: Zoë, Chloé, Élodie, Amélie, Léa, Inès, Hélène, Maëlle, Anaïs, Noémie
male: Théo, Mathéo, Benoît, Jérôme, Gaël, Aurélien, François, Loïc, Stéphane, Cédric
last: Lefèvre, Mercier, Dubois, Girard, Lemaître, Bérard, Fontaine, Moreau, Chevalier,
  Gauthier, Dupré, Bélanger, Côté, Tremblay
preferred: François=Frank, Élodie=Lodie

weight: 5
female: Thị Minh Khai, Thị Mai Anh, Thu Hà, Ngọc Lan, Thị Hồng Nhung, Bảo Ngọc, Phương Linh
male: Văn Đức, Minh Tuấn, Quốc Bảo, Hữu Phước, Đức Anh, Thanh Tùng
last: Nguyễn, Trần, Lê, Phạm, Hoàng, Huỳnh, Võ, Đặng, Bùi, Đỗ
preferred: Thu Hà=Ha, Minh Tuấn=Tony, Văn Đức=Duc, Ngọc Lan=Lan, Thị Mai Anh=Mai

weight: 4
female: Małgorzata, Agnieszka, Zofia, Bożena, Katarzyna, Ewa, Jadwiga, Wiktoria
male: Łukasz, Wojciech, Jędrzej, Grzegorz, Paweł, Krzysztof, Michał, Zbigniew
last: Kowalski/Kowalska, Wiśniewski/Wiśniewska, Wójcik, Zieliński/Zielińska, Żółć,
  Szymański/Szymańska, Dąbrowski/Dąbrowska, Mazur, Górecki/Górecka
preferred: Małgorzata=Gosia, Katarzyna=Kasia, Łukasz=Luke, Wojciech=Wojtek

weight: 4
female: Юлия Сергеевна, Юлия, Анна, Ольга Викторовна, Наталья, Оксана, Ирина, Дарья, Олена
male: Сергей, Дмитрий Андреевич, Андрей, Олег, Тарас, Богдан, Михаил, Остап
last: Иванов/Иванова, Петренко, Коваленко, Смирнов/Смирнова, Кузнецов/Кузнецова, Бондаренко,
  Мельник, Волков/Волкова, Ткаченко
preferred: Юлия=Julia, Дмитрий=Dima, Наталья=Natasha, Михаил=Misha, Андрей=Andrew,
  Оксана=Oksana

weight: 2
female: Ελένη, Μαρία, Κατερίνα, Σοφία, Δήμητρα, Βασιλική
male: Αλέξανδρος, Γιώργος, Δημήτρης, Νίκος, Κώστας, Παναγιώτης
last: Παπαδόπουλος/Παπαδοπούλου, Οικονόμου, Γεωργίου, Νικολάου, Βασιλείου,
  Καραγιάννης/Καραγιάννη
preferred: Αλέξανδρος=Alex, Γιώργος=George, Νίκος=Nick, Κατερίνα=Katie, Παναγιώτης=Pete

weight: 3
female: Ingrid, Sigrid, Astrid, Solveig, Ragnhild, Maja, Freja, Åsa
male: Bjørn, Sven, Eirik, Håkon, Leif, Jørgen, Ståle, Anders
last: Ødegaard, Østergaard, Halvorsen, Lindqvist, Åberg, Sjöberg, Johansson, Bakke, Nørgaard
preferred: Bjørn=Bear, Håkon=Hawk

weight: 7
female: Ngozi, Adaeze, Funmilayo, Yetunde, Chiamaka, Ifeoma, Ama, Akosua, Efua, Abena, Adwoa
male: Chinedu, Oluwaseun, Emeka, Tunde, Obinna, Babatunde, Kwame, Kofi, Kwabena, Yaw, Kojo
last: Okafor, Adeyemi, Okonkwo, Balogun, Eze, Nwosu, Adebayo, Mensah, Asante, Owusu, Osei,
  Agyeman, Darko, Oyelaran, Nwachukwu
preferred: Oluwaseun=Seun, Babatunde=Tunde, Chinedu=Chi, Adaeze=Ada, Funmilayo=Funmi

weight: 7
female: Priya, Ananya, Sunita, Harpreet, Ayesha, Nusrat, Lakshmi, Kavya, Shabana, Meera, Simran
male: Aarav, Rohan, Arjun, Rajesh, Gurpreet, Imran, Farhan, Sanjay, Vikram, Tariq, Sandeep
last: Patel, Sharma, Singh/Kaur, Gupta, Khan, Chowdhury, Iyer, Reddy, Rahman/Begum, Hussain,
  Mehta, Nair, Ahmed
preferred: Gurpreet=Gary, Rajesh=Raj, Vikram=Vik, Harpreet=Harry, Sandeep=Sunny

weight: 2
female: فاطمة, عائشة, مريم, ليلى, نور, سارة, هدى, ريم
male: محمد, أحمد, يوسف, خالد, عمر, علي, حسن, سامي
last: حداد, منصور, خوري, العلي, الزين, سعيد, ناصر, الحسيني, عبد الله
preferred: محمد=Mo, فاطمة=Fatima, يوسف=Yusuf, أحمد=Ahmed, مريم=Maryam, خالد=Khalid, عمر=Omar,
  ليلى=Layla, نور=Noor

weight: 2
female: Fatima, Amira, Layla, Yasmin, Rania, Huda
male: Mohammed, Yusuf, Omar, Karim, Tariq, Bilal
last: Haddad, Mansour, Khoury, Nasser, Saleh, Al-Amin, El-Sayed
preferred: Mohammed=Mo, Karim=Kaz

weight: 2
female: 芳, 秀英, 静, 敏, 婷, 丽娜, 子涵
male: 伟, 浩然, 俊杰, 建华, 志明, 子轩
last: 王, 李, 张, 刘, 陈, 杨, 黄, 赵
preferred: 伟=Wei, 芳=Fang, 秀英=Xiuying, 浩然=Haoran, 子涵=Zihan, 俊杰=Kevin, 婷=Grace

weight: 1
female: 서연, 지우, 민지, 수빈
male: 민준, 도윤, 현우, 성민
last: 김, 이, 박, 최, 정
preferred: 서연=Seoyeon, 민준=Minjun, 현우=Hyun
"""


@dataclass(frozen=True)
class _Culture:
    """Names of one culture; a last name ``"Kowalski/Kowalska"`` has male/female forms."""

    weight: int
    female: tuple[str, ...]
    male: tuple[str, ...]
    last: tuple[str, ...]
    preferred: dict[str, str]
    neutral: tuple[str, ...] = ()

    @classmethod
    def parse(cls, block: str) -> _Culture:
        fields: dict[str, str] = {}
        key = ""
        for line in block.splitlines():
            if not line.startswith(" "):
                key, _, line = line.partition(":")
            fields[key] = fields.get(key, "") + "," + line
        preferred = dict(pair.split("=", 1) for pair in _n(fields.pop("preferred", "")))
        return cls(
            weight=int(fields.pop("weight").strip(",")),
            preferred=preferred,
            **{name: _n(text) for name, text in fields.items()},  # type: ignore[arg-type]
        )


_CULTURES = tuple(_Culture.parse(b) for b in _CULTURE_TABLE.strip().split("\n\n"))
# fmt: off
# Combinations that would name a well-known real person.
_FAMOUS = {
    ("Michael", "Jackson"), ("James", "Brown"), ("Michael", "Moore"), ("Christopher", "Evans"),
    ("Grace", "Jones"), ("Michelle", "Williams"), ("David", "Jones"), ("Christopher", "Brown"),
    ("Thị Minh Khai", "Nguyễn"), ("Imran", "Khan"), ("Sanjay", "Gupta"), ("Arjun", "Reddy"),
    ("Emeka", "Okafor"), ("Γιώργος", "Παπαδόπουλος"), ("Kofi", "Asante"), ("Samantha", "Smith"),
}
# fmt: on
_GENDER_PRONOUNS = {
    "f": (("she/her", 55), ("she/they", 3), ("", 42)),
    "m": (("he/him", 55), ("he/they", 3), ("", 42)),
    "x": (("they/them", 85), ("ze/zir", 5), ("", 10)),
}
# fmt: off
_PATHWAY_ODDS = (
    (Pathway.TWELVE_STEP, 0.45), (Pathway.SMART, 0.2), (Pathway.MEDICATION_ASSISTED, 0.2),
    (Pathway.HARM_REDUCTION, 0.15), (Pathway.FAITH_BASED, 0.12), (Pathway.SECULAR, 0.08),
    (Pathway.OTHER, 0.04),
)
# fmt: on
_FOCUS = (Focus.SUBSTANCE_USE, Focus.BOTH, Focus.MENTAL_HEALTH, Focus.FAMILY_ALLY)
_FOCUS_WEIGHTS = (55, 25, 12, 8)
_ARCHIVE_REASONS = _n(
    "Moved out of the area, Asked for their record to be closed,"
    " No visits for two years, Transferred to another centre"
)
_DESK_NOTES = _n(
    "Bring ID for locker, Parcel waiting at the desk, Locker 12 key to return,"
    " Ask about Thursday's SMART group, Prefers text messages, Owes a library book"
)
_RELATIONSHIPS = _n(
    "mother, father, sister, brother, partner, wife, husband, daughter, son,"
    " friend, sponsor, aunt, grandmother"
)
_STREETS = _n(
    "Harbour Road, Quay Street, Chapel Lane, Mill Street, Station Road, Elm Avenue,"
    " Victoria Terrace, Rope Walk, Anchor Close"
)
_AREA_CODES = (212, 312, 415, 617, 206, 503, 713, 404)


def generate_demo_members(services: Services, members: int, seed: int = 1) -> int:
    """Add ``members`` synthetic people; returns how many were added.

    Refuses (``DemoRefusedError``) a database that holds members but is not a demo one.
    """
    with services.db.read() as session:
        existing = bulk.count_members(session)
        is_demo = DEMO_MARKER in SettingsRepository(session).all()
    if existing and not is_demo:
        raise DemoRefusedError(
            f"{services.description} already holds real members (not demo data); demo people "
            "only go into an empty database or a demo one. Nothing was added."
        )
    rng = random.Random(seed if not existing else f"{seed}+{existing}")
    drafts = _drafts(rng, services.clock.today(), members)
    with services.db.write() as session:
        SettingsRepository(session).put(DEMO_MARKER, f"seed={seed}")
        codes = bulk.allocate_codes(session, len(drafts))
        people = [
            bulk.NewMember(code, d, _reason(rng, d)) for code, d in zip(codes, drafts, strict=True)
        ]
        bulk.bulk_insert_members(
            session, people, today=services.clock.today(), now=services.clock.now()
        )
    return len(drafts)


def member_count(services: Services) -> int:
    with services.db.read() as session:
        return bulk.count_members(session)


def is_demo_database(services: Services) -> bool:
    with services.db.read() as session:
        return DEMO_MARKER in SettingsRepository(session).all()


def apply_demo_settings(services: Services) -> None:
    """Give the demo centre a name, crisis numbers, time zone and paper size."""
    services.settings.save(DEMO_SETTINGS)


def create_demo_database(path: Path, *, members: int = 300, days: int = 365, seed: int = 1) -> None:
    """Create (or migrate) the database at ``path`` and fill it with demo people.

    A database that already is a demo with members is left as it is; one with real
    members is refused (``DemoRefusedError``). ``days`` is accepted for the visit history
    the demo will get once visits exist; today it changes nothing.
    """
    del days  # visits do not exist yet
    services = open_services(path)
    try:
        if is_demo_database(services) and member_count(services):
            return
        generate_demo_members(services, members, seed)
        apply_demo_settings(services)
    finally:
        services.close()


def _reason(rng: random.Random, draft: MemberDraft) -> str:
    return rng.choice(_ARCHIVE_REASONS) if draft.status is MemberStatus.ARCHIVED else ""


def _drafts(rng: random.Random, today: dt.date, count: int) -> list[MemberDraft]:
    """``count`` people, no two with the same (folded) name and date of birth."""
    weights = [c.weight for c in _CULTURES]
    name_key = functools.lru_cache(maxsize=None)(sort_key)
    seen: set[tuple[str, dt.date | None]] = set()
    drafts = []
    for culture in rng.choices(_CULTURES, weights, k=count):
        draft = _person(rng, today, culture)
        key = (name_key(draft.first_name, draft.last_name), draft.date_of_birth)
        while draft.date_of_birth and key in seen:
            draft = _person(rng, today, culture)
            key = (name_key(draft.first_name, draft.last_name), draft.date_of_birth)
        seen.add(key)
        drafts.append(draft)
    return drafts


def _person(rng: random.Random, today: dt.date, culture: _Culture) -> MemberDraft:
    gender = rng.choices("fmx", (47, 47, 6))[0]
    first, last = _name(rng, culture, gender)
    roll = rng.random()
    status = (
        MemberStatus.GUEST
        if roll < 0.08
        else MemberStatus.ARCHIVED
        if roll < 0.12
        else MemberStatus.MEMBER
    )
    guest = status is MemberStatus.GUEST
    born = (
        None
        if guest and rng.random() < 0.6
        else today - dt.timedelta(days=rng.randint(18 * 365, 72 * 365))
    )
    joined = today - dt.timedelta(days=rng.randint(0, 90 if guest else 6 * 365))
    pronouns, weights = zip(*_GENDER_PRONOUNS[gender], strict=True)
    return MemberDraft(
        first_name=first,
        last_name=last,
        preferred_name=_preferred(rng, culture, first),
        pronouns=rng.choices(pronouns, weights)[0],
        date_of_birth=born,
        phone=_phone(rng) if rng.random() < 0.85 else "",
        email=_email(rng, first, last) if rng.random() < 0.4 else "",
        address=_address(rng) if rng.random() < 0.35 else "",
        focus=None if guest or rng.random() < 0.1 else rng.choices(_FOCUS, _FOCUS_WEIGHTS)[0],
        pathways=frozenset()
        if guest
        else frozenset(p for p, odds in _PATHWAY_ODDS if rng.random() < odds),
        recovery_start=None if guest else _recovery_start(rng, today, born),
        joined_on=joined,
        status=status,
        desk_note=rng.choice(_DESK_NOTES) if rng.random() < 0.03 else "",
        peer_wants_to_see=not guest and rng.random() < 0.05,
        emergency_contacts=_contacts(rng, culture, last),
    )


def _name(rng: random.Random, culture: _Culture, gender: str) -> tuple[str, str]:
    while True:
        pool = {"f": culture.female, "m": culture.male}.get(gender) or (
            culture.neutral or rng.choice((culture.female, culture.male))
        )
        first = rng.choice(pool)
        forms = rng.choice(culture.last).split("/")
        last = forms[-1] if gender == "f" else forms[0] if gender == "m" else rng.choice(forms)
        if (first, last) not in _FAMOUS:
            return first, last


def _preferred(rng: random.Random, culture: _Culture, first: str) -> str:
    nickname = culture.preferred.get(first) or culture.preferred.get(first.split(" ")[0], "")
    return nickname if nickname and rng.random() < 0.5 else ""


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return f"({rng.choice(_AREA_CODES)}) 555-01{rng.randint(0, 99):02d}"
    return f"07700 900{rng.randint(0, 999):03d}"


def _email(rng: random.Random, first: str, last: str) -> str:
    local = ".".join(
        "".join(ch for ch in fold(part) if ch.isascii() and ch.isalnum()) for part in (first, last)
    )
    local = local.strip(".") or "member"
    return f"{local}{rng.randint(1, 99)}@example.org"


def _address(rng: random.Random) -> str:
    return f"{rng.randint(1, 240)} {rng.choice(_STREETS)}, Harbourtown"


def _recovery_start(rng: random.Random, today: dt.date, born: dt.date | None) -> dt.date | None:
    if rng.random() < 0.25:
        return None
    earliest = max(
        today - dt.timedelta(days=20 * 365), (born or today) + dt.timedelta(days=15 * 365)
    )
    span = max((today - earliest).days, 0)
    return today - dt.timedelta(days=rng.randint(0, span)) if span else today


def _contacts(rng: random.Random, culture: _Culture, last: str) -> tuple[EmergencyContact, ...]:
    count = rng.choices((0, 1, 2), (55, 35, 10))[0]
    return tuple(
        EmergencyContact(
            name=f"{rng.choice(culture.female + culture.male)} "
            f"{last if rng.random() < 0.5 else rng.choice(culture.last).split('/')[0]}",
            relationship=rng.choice(_RELATIONSHIPS),
            phone=_phone(rng),
        )
        for _ in range(count)
    )
