"""Plain data the builders take, and the wording every pack shares (safe space, signposting).

All wording is English msgids marked for extraction; builders translate it with the gettext they
are given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analysis.disclosure import quote_allowed
from analysis.documents._i18n import N_, Gettext

__all__ = [
    "ACTION_STATUS_NAMES",
    "CHILDLINE",
    "EMERGENCY",
    "THEME_TEXT",
    "Contact",
    "PartnershipAction",
    "Quote",
    "ThemeText",
    "approved_quotes",
    "ground_rules",
    "safe_space_setup",
    "signposting_lines",
    "theme_text",
]

CHILDLINE = "0800 1111"
EMERGENCY = "999"


@dataclass(frozen=True)
class Contact:
    """A local contact for signposting (from settings)."""

    name: str
    phone: str = ""
    url: str = ""
    description: str = ""


@dataclass(frozen=True)
class Quote:
    """A redacted free-text answer. Only ``approved`` quotes from groups at or above the
    threshold are ever printed; everything else is dropped by ``approved_quotes``."""

    text: str
    approved: bool
    group_size: int


ACTION_STATUS_NAMES = {
    "planned": N_("Planned"),
    "in_progress": N_("In progress"),
    "done": N_("Done"),
}
"""How far along a recorded action is, in words (packs, staff pages, the public page)."""


@dataclass(frozen=True)
class PartnershipAction:
    """What the partnership did about a theme: "you said, we did", as reviewers recorded it.

    ``text`` is already in the document's language (or English where no translation was
    written); ``source`` is the question id of the finding it answers, or "" for the theme.
    """

    text: str
    status: str
    source: str = ""


def approved_quotes(quotes: Sequence[Quote], min_size: int) -> list[Quote]:
    """The quotes disclosure control allows: approved by a reviewer, from a big enough group."""
    return [q for q in quotes if quote_allowed(q.group_size, q.approved, min_size)]


def ground_rules(_: Gettext) -> list[str]:
    """The pupil-facing ground rules (also on the first slide)."""
    return [
        _("We listen to each other and let people finish."),
        _("We talk about situations in general. No personal stories, and no names."),
        _("The stories we use are made up. They are not about anyone here."),
        _("You can pass on any question or activity. You do not have to say why."),
        _("What is said here stays here, unless someone might be at risk."),
        _("You can put a question in the anonymous question box at any time."),
    ]


def safe_space_setup(_: Gettext) -> list[tuple[str, str]]:
    """(heading, guidance) for the facilitator, before and during the session."""
    return [
        (_("Tell the Designated Safeguarding Lead first"),
         _("Tell the school's Designated Safeguarding Lead (DSL) when and where the session "
           "runs and which theme it covers, and know how to reach them during the session.")),
        (_("Agree the ground rules"),
         _("Agree the ground rules with the group at the start and keep them on show. Add "
           "any the group suggests.")),
        (_("No personal stories"),
         _("Keep discussion general. If a pupil starts to share something personal, thank "
           "them, gently stop them, and offer to talk afterwards. Then pass any concern to the "
           "DSL the same day.")),
        (_("Fictional scenarios"),
         _("Use the made-up scenarios in this pack so nobody has to talk about their own "
           "life. Never use a real local incident or a real name.")),
        (_("The right to pass"),
         _("Anyone can pass on any activity without giving a reason. Offer a quiet task or a "
           "break for anyone who finds the topic hard.")),
        (_("Anonymous question box"),
         _("Put out a box and slips of paper at the start. Read the questions before the "
           "next session and answer them to the whole group; pass any that suggest a child "
           "is at risk to the DSL.")),
        (_("Close safely"),
         _("End with the help page, and say that you will stay behind for anyone who wants "
           "to talk.")),
    ]


def signposting_lines(contacts: Sequence[Contact], _: Gettext) -> list[str]:
    """Childline, 999 and the local contacts, one line each."""
    lines = [
        _("Childline: call {phone} free, any time, or chat at childline.org.uk. "
          "It does not show on the phone bill.").format(phone=CHILDLINE),
        _("In an emergency, or if someone is in danger now, call {phone}.").format(
            phone=EMERGENCY),
        _("Talk to a trusted adult: a parent or carer, a teacher, or the school's Designated "
          "Safeguarding Lead."),
    ]
    return lines + local_contact_lines(contacts, _)


def local_contact_lines(contacts: Sequence[Contact], _: Gettext) -> list[str]:
    """Each local contact on one line: name, phone and web address, what it is for."""
    lines = []
    for c in contacts:
        detail = " ".join(x for x in (c.phone, c.url) if x)
        text = f"{c.name}: {detail}" if detail else c.name
        if c.description:
            text += f". {_(c.description)}"
        lines.append(text)
    return lines


@dataclass(frozen=True)
class ThemeText:
    """The wording of one theme's activities (standard and easy read)."""

    key_message: str
    easy_message: str
    scenario: str
    easy_scenario: str
    ideas_prompt: str


THEME_TEXT: dict[str, ThemeText] = {
    "general_safety": ThemeText(
        N_("Everyone has the right to feel safe where they live, learn and travel."),
        N_("You should feel safe at school, at home and outside."),
        N_("Sam, 14, walks home from a club after dark. The street lights on the short cut "
           "are broken and Sam feels nervous."),
        N_("Sam walks home when it is dark. Sam feels scared."),
        N_("What would make the streets, parks and buses feel safer for young people?"),
    ),
    "knife_crime": ThemeText(
        N_("Most young people never carry a knife. Carrying one makes you less safe, not more."),
        N_("Most young people do not carry knives. Knives make things more dangerous."),
        N_("Alex, 15, hears that someone in another year has been showing a knife in a group "
           "chat. Alex is worried but does not want to be called a snitch."),
        N_("Alex sees a picture of a knife in a group chat. Alex is worried."),
        N_("What would help young people feel they do not need to carry a knife?"),
    ),
    "hate_crime": ThemeText(
        N_("Nobody should be treated badly because of who they are. Hate crime can be "
           "reported, and you can report it anonymously."),
        N_("Nobody should be picked on for who they are. You can tell someone."),
        N_("Priya, 13, gets comments about her headscarf on the bus most mornings. Other "
           "passengers look away."),
        N_("Priya gets nasty comments on the bus. People look away."),
        N_("What could pupils, schools and bus companies do when someone is targeted?"),
    ),
    "online_safety": ThemeText(
        N_("You can block, report and tell someone. If something online worries you, it is "
           "never your fault."),
        N_("If something online worries you, tell an adult. It is not your fault."),
        N_("Jordan, 14, gets messages from an account they do not know, asking for photos and "
           "saying it will be 'their secret'."),
        N_("Jordan gets messages from someone they do not know. The person asks for photos."),
        N_("What would make it easier to report something that happens online?"),
    ),
    "domestic_abuse": ThemeText(
        N_("Healthy relationships are based on respect. Abuse at home is never a child's fault, "
           "and help is available."),
        N_("Kind relationships are about respect. If home feels unsafe, it is not your fault."),
        N_("Casey, 15, often stays late at school because there is a lot of shouting at home. "
           "Casey has not told anyone."),
        N_("Casey does not want to go home because of shouting. Casey has not told anyone."),
        N_("How could schools make it easier for a young person to talk about home?"),
    ),
    "bullying": ThemeText(
        N_("Bullying is never OK, online or offline. Telling someone is the right thing to do."),
        N_("Bullying is not OK. Tell someone you trust."),
        N_("Riley, 12, is left out of a group chat and laughed at in the corridor. Riley "
           "starts to dread coming to school."),
        N_("Riley is left out and laughed at. Riley does not want to come to school."),
        N_("What would make it easier to stop bullying when you see it?"),
    ),
    "harassment": ThemeText(
        N_("Unwanted comments, following or touching are harassment. It is not a compliment "
           "and it is not the victim's fault."),
        N_("Nobody should touch you or say things that make you uncomfortable."),
        N_("Mia, 16, is followed and called names by a group of older boys near the station. "
           "Her friends say it is 'just banter'."),
        N_("Mia is followed and called names. Her friends say it is a joke."),
        N_("What would help young people feel safe from harassment in public?"),
    ),
    "exploitation": ThemeText(
        N_("If someone gives you gifts or money and then asks for favours, that can be "
           "grooming. It is never your fault, and you can get help."),
        N_("Some people give presents to trick you. You can tell someone."),
        N_("Leo, 14, is given new trainers by an older person who then asks Leo to carry a bag "
           "across town."),
        N_("Leo gets new trainers from an older person. Then the person asks Leo to carry a bag."),
        N_("How can young people spot the signs of someone being groomed?"),
    ),
    "neglect_abuse": ThemeText(
        N_("Every child should have food, care and safety. If that is missing, tell someone."),
        N_("Every child should have food and care. You can tell someone."),
        N_("Kai, 13, often comes to school hungry and in the same clothes, and says nobody is "
           "home in the evenings."),
        N_("Kai is often hungry at school. Nobody is at home in the evening."),
        N_("What would help a young person ask for help with things at home?"),
    ),
    "support": ThemeText(
        N_("There is always someone to talk to: a trusted adult, Childline or the school's "
           "safeguarding lead."),
        N_("You can always talk to someone. Childline is free."),
        N_("Taylor, 15, is worried about a friend but does not know who to tell or what "
           "will happen next."),
        N_("Taylor is worried about a friend. Taylor does not know who to tell."),
        N_("What would make young people more confident to ask for help?"),
    ),
}


def theme_text(theme: str) -> ThemeText:
    """The theme's wording, falling back to general safety for a theme added later."""
    return THEME_TEXT.get(theme, THEME_TEXT["general_safety"])
