"""Names for demo people: first and last names of many cultures and scripts.

Mostly Latin script, as at a US or UK centre, with accents (José, Zoë, Nguyễn, Łukasz),
Cyrillic, Greek, Arabic, Chinese and Korean names too. Combinations that would name a
well-known real person are ruled out.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from recoverydesk.domain.text import clean_text


def name_list(text: str) -> tuple[str, ...]:
    """The comma-separated entries of ``text``, cleaned (NFC, single spaces)."""
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
class Culture:
    """Names of one culture; a last name ``"Kowalski/Kowalska"`` has male/female forms."""

    weight: int
    female: tuple[str, ...]
    male: tuple[str, ...]
    last: tuple[str, ...]
    preferred: dict[str, str]
    neutral: tuple[str, ...] = ()

    @classmethod
    def parse(cls, block: str) -> Culture:
        """One block of ``_CULTURE_TABLE``."""
        fields: dict[str, str] = {}
        key = ""
        for line in block.splitlines():
            if not line.startswith(" "):
                key, _, line = line.partition(":")
            fields[key] = fields.get(key, "") + "," + line
        preferred = dict(pair.split("=", 1) for pair in name_list(fields.pop("preferred", "")))
        return cls(
            weight=int(fields.pop("weight").strip(",")),
            preferred=preferred,
            **{name: name_list(text) for name, text in fields.items()},  # type: ignore[arg-type]
        )


CULTURES = tuple(Culture.parse(b) for b in _CULTURE_TABLE.strip().split("\n\n"))
# fmt: off
# Combinations that would name a well-known real person.
_FAMOUS = {
    ("Michael", "Jackson"), ("James", "Brown"), ("Michael", "Moore"), ("Christopher", "Evans"),
    ("Grace", "Jones"), ("Michelle", "Williams"), ("David", "Jones"), ("Christopher", "Brown"),
    ("Thị Minh Khai", "Nguyễn"), ("Imran", "Khan"), ("Sanjay", "Gupta"), ("Arjun", "Reddy"),
    ("Emeka", "Okafor"), ("Γιώργος", "Παπαδόπουλος"), ("Kofi", "Asante"), ("Samantha", "Smith"),
}
# fmt: on


def pick_name(rng: random.Random, culture: Culture, gender: str) -> tuple[str, str]:
    """A first and last name for someone of ``gender`` ("f", "m" or "x")."""
    while True:
        pool = {"f": culture.female, "m": culture.male}.get(gender) or (
            culture.neutral or rng.choice((culture.female, culture.male))
        )
        first = rng.choice(pool)
        forms = rng.choice(culture.last).split("/")
        last = forms[-1] if gender == "f" else forms[0] if gender == "m" else rng.choice(forms)
        if (first, last) not in _FAMOUS:
            return first, last


def pick_preferred(rng: random.Random, culture: Culture, first: str) -> str:
    """The name half the people with a usual nickname go by ("Mike", "Kasia"), else ""."""
    nickname = culture.preferred.get(first) or culture.preferred.get(first.split(" ")[0], "")
    return nickname if nickname and rng.random() < 0.5 else ""
