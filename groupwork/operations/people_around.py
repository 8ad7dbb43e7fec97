"""The register of people around a group: adding, editing and removing them.

A person around the group (a partner, a relative, a village headman, a nurse, an official) is
known to the worker by name and shared by role (``models.PersonAround``). The rules that keep
the role from giving the name away live here, for every door (the TUI's register screen, the
CLI, import):

- the role must not hold the person's own name, nor a member's real name (the role is what
  leaves the building: "สามีของฟ้า" would name member ฟ้า);
- a person is not also a member of the group: a member is linked as a member, by pseudonym.

Removing a person leaves the links to them in the notes: those are shared as "[name
withheld]" from then on (``groupwork.privacy.links``), never as the name inside the link.
"""

from __future__ import annotations

from groupwork import models as m
from groupwork.errors import InvalidInputError
from groupwork.i18n import _
from groupwork.privacy.name_forms import fold, normalise
from groupwork.privacy.names import NameScrubber
from groupwork.store.repository import Repository


def _holds(text: str, name: str) -> bool:
    """True when ``text`` holds ``name`` or a part of it (titles aside) as whole words, as the
    name matcher finds it (surely or maybe)."""
    return bool(NameScrubber([((name,), "-")], shared="-").matches(normalise(text)))


def check_person(store: Repository, person: m.PersonAround) -> None:
    """Refuse a person whose role would give a name away, or who is a member of the group."""
    problems = []
    if _holds(person.role, person.real_name):
        problems.append(
            _("The role is what shared outputs show: it must not hold the person's own name.")
        )
    members = [x for x in store.members(person.group_id) if not x.erased]
    for member in members:
        if fold(" ".join(member.real_name.split())) == fold(" ".join(person.real_name.split())):
            problems.append(
                _("{name} is a member of the group: link the member instead.").format(
                    name=member.pseudonym
                )
            )
        elif _holds(person.role, member.real_name):
            problems.append(
                _(
                    "The role holds the real name of member {pseudonym}: write the member's "
                    "pseudonym instead."
                ).format(pseudonym=member.pseudonym)
            )
    if problems:
        raise InvalidInputError(problems)


def save_person(store: Repository, person: m.PersonAround) -> m.PersonAround:
    """Add a person around the group to its register, or store an edit of one."""
    check_person(store, person)
    return store.save(person)


def remove_person(store: Repository, person_id: str) -> None:
    """Take a person off the group's register (links to them are then shared as withheld)."""
    store.delete(m.PersonAround, person_id)
