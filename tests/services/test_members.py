"""MemberService: saving, editing, archiving and finding members as the desk would."""

import datetime as dt

import pytest

from recoverydesk.domain.errors import ConflictError, NotFoundError, ValidationError
from recoverydesk.domain.members import EmergencyContact, MemberDraft, MemberStatus, Pathway
from recoverydesk.services.container import Services


def add(services: Services, first: str, last: str, **fields: object):
    return services.members.create(MemberDraft(first, last, **fields))  # type: ignore[arg-type]


def names(services: Services, text: str, **kwargs: object) -> list[str]:
    return [f"{r.first_name} {r.last_name}" for r in services.members.search(text, **kwargs).rows]


def test_create_stores_everything_cleaned(services: Services) -> None:
    member = add(
        services,
        " Jose\u0301 ",
        "Garci\u0301a",
        preferred_name="Pepe",
        pronouns="he/him",
        phone="555 010 1234",
        email="pepe@example.org",
        date_of_birth=dt.date(1980, 2, 29),
        recovery_start=dt.date(2020, 1, 1),
        pathways=frozenset({Pathway.SMART, Pathway.FAITH_BASED}),
        emergency_contacts=(EmergencyContact("Ana", "sister", "555 010 9999"),),
    )
    again = services.members.get(member.id)
    assert again.first_name == "José" and again.last_name == "García"
    assert again.pathways == {Pathway.SMART, Pathway.FAITH_BASED}
    assert again.emergency_contacts == (EmergencyContact("Ana", "sister", "555 010 9999"),)
    assert again.joined_on == services.clock.today()
    assert again.code.startswith("M") and again.version == 1


def test_codes_are_unique_and_never_reused(services: Services) -> None:
    first = add(services, "Ana", "Silva")
    services.members.archive(first.id, "Moved away")
    second = add(services, "Ben", "Okafor")
    assert second.code != first.code
    assert services.members.by_code(first.code.lower()).id == first.id


@pytest.mark.parametrize(
    ("stored_first", "stored_last", "typed"),
    [
        ("José", "García", "jose"),
        ("Zoë", "Ødegaard", "zoe"),
        ("Thị Minh Khai", "Nguyễn", "nguyen"),
        ("Łukasz", "Żółć", "lukasz zolc"),
        ("Юлия", "Иванова", "юл"),
        ("Αλέξανδρος", "Παππάς", "αλε"),
        ("محمد", "الحسن", "محم"),
    ],
)
def test_search_is_accent_and_case_insensitive(
    services: Services, stored_first: str, stored_last: str, typed: str
) -> None:
    add(services, "Other", "Person")
    add(services, stored_first, stored_last)
    assert names(services, typed) == [f"{stored_first} {stored_last}"]


def test_search_by_word_prefixes_in_any_order(services: Services) -> None:
    add(services, "Mary Kate", "O'Brien")
    add(services, "Mary", "Smith")
    assert names(services, "bri mar") == ["Mary Kate O'Brien"]
    assert names(services, "kat") == ["Mary Kate O'Brien"]
    assert sorted(names(services, "mary")) == ["Mary Kate O'Brien", "Mary Smith"]


def test_search_by_preferred_name_code_and_phone_digits(services: Services) -> None:
    member = add(services, "Robert", "Jones", preferred_name="Bobby", phone="+44 7700 900123")
    add(services, "Other", "Person", phone="555 0199")
    assert names(services, "bobby") == ["Robert Jones"]
    assert names(services, member.code) == ["Robert Jones"]
    assert names(services, "0123") == ["Robert Jones"]


def test_exact_code_ranks_first(services: Services) -> None:
    members = [add(services, "Ana", f"Person{i}") for i in range(3)]
    target = members[2]
    rows = services.members.search(target.code[:-2]).rows
    assert rows, "a code prefix finds members"
    assert services.members.search(target.code).rows[0].id == target.id


def test_whole_word_ranks_before_longer_names(services: Services) -> None:
    add(services, "Anabel", "Adams")
    add(services, "Ana", "Zimmer")
    assert names(services, "ana") == ["Ana Zimmer", "Anabel Adams"]


def test_archived_members_are_hidden_unless_asked(services: Services) -> None:
    member = add(services, "Ana", "Silva")
    archived = services.members.archive(member.id, "Asked to be removed from lists")
    assert archived.status is MemberStatus.ARCHIVED
    assert names(services, "ana") == []
    assert names(services, "ana", include_archived=True) == ["Ana Silva"]
    restored = services.members.restore(member.id)
    assert restored.status is MemberStatus.MEMBER and names(services, "ana") == ["Ana Silva"]


def test_archive_needs_a_reason(services: Services) -> None:
    member = add(services, "Ana", "Silva")
    with pytest.raises(ValidationError, match="reason"):
        services.members.archive(member.id, "  ")
    assert services.members.get(member.id).status is MemberStatus.MEMBER


def test_invalid_member_is_refused_and_nothing_saved(services: Services) -> None:
    with pytest.raises(ValidationError) as caught:
        add(services, "", "Silva", date_of_birth=dt.date(2030, 1, 1))
    assert caught.value.for_field("first_name") == "First name is required"
    assert caught.value.for_field("date_of_birth") == "Date of birth cannot be in the future"
    assert services.members.search("", with_total=True).total == 0


def test_update_changes_search_and_version(services: Services) -> None:
    member = add(services, "Ana", "Silva")
    changed = services.members.update(
        member.id, MemberDraft("Ana", "Costa", phone="555 010 4321"), member.version
    )
    assert changed.version == member.version + 1
    assert names(services, "silva") == [] and names(services, "costa") == ["Ana Costa"]
    assert names(services, "4321") == ["Ana Costa"]


def test_stale_update_is_refused_and_first_save_kept(services: Services) -> None:
    member = add(services, "Ana", "Silva")
    services.members.update(member.id, MemberDraft("Ana", "First-Save"), member.version)
    with pytest.raises(ConflictError, match="Someone else saved"):
        services.members.update(member.id, MemberDraft("Ana", "Second-Save"), member.version)
    assert services.members.get(member.id).last_name == "First-Save"


def test_missing_member_is_a_plain_error(services: Services) -> None:
    with pytest.raises(NotFoundError):
        services.members.get(12345)


def test_possible_duplicates_by_name_and_birth_date(services: Services) -> None:
    add(services, "José", "García", date_of_birth=dt.date(1980, 1, 1))
    same = MemberDraft("Jose", "Garcia", date_of_birth=dt.date(1980, 1, 1))
    other_birthday = MemberDraft("Jose", "Garcia", date_of_birth=dt.date(1991, 5, 5))
    assert [r.first_name for r in services.members.possible_duplicates(same)] == ["José"]
    assert services.members.possible_duplicates(other_birthday) == []


def test_pages_do_not_overlap_and_report_more(services: Services) -> None:
    for i in range(25):
        add(services, "Sam", f"Tester{i:02d}")
    first = services.members.search("sam", limit=10)
    second = services.members.search("sam", limit=10, offset=10)
    last = services.members.search("sam", limit=10, offset=20)
    assert first.has_more and second.has_more and not last.has_more
    ids = [r.id for page in (first, second, last) for r in page.rows]
    assert len(ids) == len(set(ids)) == 25


def test_long_address_and_non_latin_text_round_trip(services: Services) -> None:
    address = "Phố Hàng Bạc 12\nHà Nội\n" + "ул. Ленина 5, кв. 7\n" + "شارع الملك 9"
    member = add(services, "Nguyễn", "Văn An", address=address)
    assert services.members.get(member.id).address == address
