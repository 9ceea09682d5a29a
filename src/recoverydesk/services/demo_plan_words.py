"""What the demo recovery plans say: wellness sections, goal ideas, other languages.

Plain first-person words, as a member would put them. A goal idea is one line of fields
separated by ``|``: goal, why, measure, baseline, target, then steps separated by ``;``
(a step starting "peer:" or "other:" is owned by them). ``OTHER_LANGUAGES`` holds a few
plans in Spanish, Vietnamese, Polish and Arabic (sections, then ideas with the domain
first).
"""

from __future__ import annotations

RELATIONS = ("sister", "brother", "mum", "dad", "sponsor", "friend", "partner", "aunt", "son")

# Wellness sections in English: a few ways each is put; blank sections are common.
# fmt: off
SECTIONS: dict[str, tuple[str, ...]] = {
    "strengths": (
        "I don't give up. I'm a good listener and people trust me.",
        "I'm funny, I can cook for a crowd and I'm good with my hands.",
        "I show up. Even on bad days I come to the café.",
        "I'm honest now, and I'm a good dad when I'm well.",
    ),
    "when_well": (
        "I get up early, I make my bed, I text my sister back.",
        "I laugh a lot, I eat properly and I keep my room tidy.",
        "Calm. I'm patient with the kids and I go for walks.",
    ),
    "triggers": (
        "Payday. Being on my own on Sunday afternoons.",
        "Arguments with my ex, and walking past the old pub on Mill Street.",
        "Not sleeping. Letters from the council. Certain songs.",
        "Anniversaries, especially March. Feeling like I've let people down.",
    ),
    "warning_signs": (
        "I stop answering my phone and skip meals.",
        "I start thinking 'just one won't hurt' and I stop coming to group.",
        "I get snappy, I stay in bed and I don't open my post.",
    ),
    "coping_tools": (
        "Ring my sponsor. Walk by the harbour. A cup of tea and a shower.",
        "Go to the 12 o'clock meeting. Play guitar. Write it down.",
        "Breathing app, cold water on my face, talk to someone at the café.",
        "Play football on Thursdays, pray, text the group chat.",
    ),
    "daily_routine": (
        "Up at 7, coffee, walk the dog.\nCafé or meeting at noon.\nTea by 6, phone off at 10.",
        "Morning: meds with breakfast.\nAfternoon: volunteering or the library.\n"
        "Evening: call mum, TV, bed by 11.",
    ),
    "crisis_who": (
        "My sister first, then my sponsor. The crisis line if I can't reach them.",
        "My peer supporter at the centre, or my friend from group.",
    ),
    "crisis_helps": (
        "Someone sitting with me and not lecturing me. Being reminded how far I've come.",
        "Getting outside, a hot drink, being told it will pass.",
    ),
    "crisis_avoid": (
        "Being told what to do. Crowds. Being left on my own.",
        "Raised voices. Being asked lots of questions at once.",
    ),
}

# Goals by domain: goal | why | measure | baseline | target | steps ("peer:"/"other:" = owner).
IDEAS: dict[str, tuple[str, ...]] = {
    "Health": (
        "Sleep through the night most nights|I'm a different person when I've slept"
        "|Nights I sleep 6+ hours|About 2 a week|5 a week"
        "|Phone off at 10pm;Ask the GP about my sleep;No coffee after 2pm",
        "Keep my clinic appointments|I want to stay on my script and stay well"
        "|Appointments kept each month|Missed 2 last month|All of them"
        "|Put the dates in my phone;peer:Remind me the day before;Get a bus pass",
        "Walk to the harbour three times a week|Clears my head and helps my mood"
        "|Walks a week|None|3 a week|Buy decent trainers;Walk with Dee on Tuesdays",
        "Get my teeth sorted|I'm embarrassed to smile|Dentist visits|Not been for 5 years"
        "|Treatment finished|peer:Find a dentist taking new patients;Book a check-up",
    ),
    "Home": (
        "Get my own flat with a door that locks|I want somewhere safe the kids can visit"
        "|Housing steps done|On the waiting list|Keys in my hand"
        "|Fill in the housing form;peer:Come with me to the council;Save for a deposit",
        "Keep my room clean so I feel calm there|A messy room means a messy head"
        "|Days it's tidy|Hardly ever|Most days|Clear the floor;Wash bedding on Sundays",
        "Pay my rent on time every month|No more letters under the door"
        "|Months paid on time|Behind 2 months|Up to date"
        "|Set up a standing order;other:Debt advice appointment;Cancel the phone contract",
    ),
    "Purpose": (
        "Finish my forklift licence|So I can get proper work again|Course sessions done"
        "|0 of 6|All 6|Enrol at the college;Ask about funding;Book the test",
        "Volunteer at the food bank on Fridays|I like being useful|Fridays a month"
        "|None|Every Friday|peer:Introduce me to the coordinator;Do the food hygiene course",
        "Get back into painting|It's the one thing that switches my brain off"
        "|Hours a week|None|3 hours|Buy some paints;Join the Wednesday art group",
        "Get my GED|I left school at 15 and I want my kids to see me do it|Subjects passed"
        "|0|All 4|Sign up for the maths class;Study two evenings a week",
    ),
    "Community": (
        "Go to a meeting twice a week|I need people who get it|Meetings a week|Maybe 1"
        "|2 or more|Find a Tuesday meeting;Ask someone to be my sponsor",
        "Call my sister every Sunday|We lost touch when I was using|Calls a month|None"
        "|4|Write down what I want to say;Send her a birthday card",
        "Make one friend who doesn't use|Most people I know still use|Sober friends"
        "|0|2|Join the Thursday walking group;Go for coffee after group",
        "Help set up the café on Saturdays|I want to give something back|Saturdays a month"
        "|0|2|peer:Put me on the rota;Learn the till",
    ),
    "Family": (
        "See my kids every weekend|They're the reason I'm doing this|Weekends a month"
        "|1|4|other:Mediation appointment;Get a bigger bed for the spare room",
    ),
    "Money": (
        "Clear my debts|The worry keeps me up at night|Debts left|5|0"
        "|other:Debt advice appointment;Make a budget;Open a basic bank account",
    ),
    "Faith": (
        "Go back to church|It used to give me peace|Sundays a month|0|2"
        "|Find a church near the café;Talk to the pastor",
    ),
}

# A few plans in other languages: sections and goals (same format; domain first).
OTHER_LANGUAGES: dict[str, tuple[dict[str, str], tuple[str, ...]]] = {
    "es": (
        {
            "strengths": "Soy trabajador y no me rindo. Cocino muy bien para mi familia.",
            "triggers": "Los días de pago, discutir con mi ex, estar solo los domingos.",
            "coping_tools": "Llamar a mi madrina, caminar por el parque, ir a la reunión.",
            "crisis_helps": "Que alguien se quede conmigo y me hable con calma.",
        },
        (
            "Home|Conseguir un cuarto propio antes del invierno|Quiero un lugar tranquilo"
            " para mis hijos|Pasos hechos|Ninguno|Tener las llaves"
            "|Llenar la solicitud de vivienda;Ahorrar 50 dólares cada semana",
            "Purpose|Sacar mi licencia de conducir|Para poder trabajar|Exámenes aprobados"
            "|0|2|Estudiar el manual;Pedir cita para el examen",
            "Community|Ir a la reunión en español los martes|Necesito hablar en mi idioma"
            "|Reuniones al mes|0|4|peer:Preguntar el horario en la cafetería",
        ),
    ),
    "vi": (
        {
            "strengths": "Tôi kiên nhẫn và biết nấu ăn ngon.",
            "triggers": "Khi ở một mình vào buổi tối và khi có chuyện với gia đình.",
            "coping_tools": "Gọi điện cho chị gái, đi bộ ở công viên, uống trà nóng.",
            "crisis_helps": "Có người ngồi bên cạnh và nói chuyện nhẹ nhàng.",
        },
        (
            "Health|Ngủ đủ bảy tiếng mỗi đêm|Để có sức khỏe đi làm|Số đêm ngủ đủ|2|5"
            "|Tắt điện thoại lúc mười giờ tối;Đi khám bác sĩ",
            "Community|Tham gia nhóm hỗ trợ mỗi tuần|Tôi cần bạn bè hiểu mình|Số buổi"
            "|0|4|Hỏi lịch nhóm ở quầy lễ tân",
        ),
    ),
    "pl": (
        {
            "strengths": "Jestem uparty w dobrym sensie i lubię pomagać innym.",
            "triggers": "Samotne wieczory, stres w pracy, spotkania ze starymi kolegami.",
            "coping_tools": "Spacer z psem, telefon do sponsora, mityng w czwartek.",
            "crisis_helps": "Spokojna rozmowa i herbata.",
        },
        (
            "Purpose|Wrócić do pracy na budowie|Chcę znowu zarabiać na siebie|Kroki"
            "|0|3|Zrobić kurs BHP;Zadzwonić do byłego szefa",
            "Home|Znaleźć mieszkanie bliżej córki|Chcę ją widywać częściej|Oglądane"
            " mieszkania|0|5|Przejrzeć ogłoszenia w sobotę",
        ),
    ),
    "ar": (
        {
            "strengths": "أنا صبور وأحب مساعدة الآخرين.",
            "triggers": "الوحدة في الليل والمشاكل مع العائلة.",
            "coping_tools": "المشي في الحديقة والاتصال بأخي.",
            "crisis_helps": "أن يجلس أحد معي ويتكلم بهدوء.",
        },
        (
            "Health|أن أنام جيدًا كل ليلة|لكي أشعر بالراحة|ليالٍ في الأسبوع|2|5"
            "|أطفئ الهاتف الساعة العاشرة",
            "Community|أن أحضر مجموعة الدعم كل أسبوع|أحتاج إلى أصدقاء يفهمونني|مرات|0|4"
            "|أسأل عن موعد المجموعة",
        ),
    ),
}
# fmt: on


def goal_ideas(language: str) -> dict[str, tuple[str, ...]]:
    """Goal ideas by domain for ``language`` (English ones include custom domains)."""
    if language == "en":
        return IDEAS
    found: dict[str, list[str]] = {}
    for line in OTHER_LANGUAGES[language][1]:
        domain, _, idea = line.partition("|")
        found.setdefault(domain, []).append(idea)
    return {domain: tuple(ideas) for domain, ideas in found.items()}
