"""The legal sources the portal cites, in one table so a change of law is made in one place.

A new forvaltningsloven (LOV-2025-06-20-81) has been adopted and will replace the
1967 act when it enters into force; the fvl rows below are the ones to change then.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Act:
    short: str
    name: str
    lovdata_path: str  # "lov/1999-07-02-63" or "forskrift/2013-06-21-732"
    section_mark: str = "§"  # "art." for the GDPR


@dataclass(frozen=True)
class Source:
    act: Act
    section: str = ""
    detail: str = ""

    @property
    def citation(self) -> str:
        parts = [self.act.short]
        if self.section:
            parts.append(f"{self.act.section_mark} {self.section}")
        text = " ".join(parts)
        return f"{text} {self.detail}".strip()

    @property
    def full_citation(self) -> str:
        """The act's name spelled out, for readers: 'pasient- og brukerrettighetsloven § 7-5'."""
        parts = [self.act.name] + ([f"{self.act.section_mark} {self.section}"] if self.section else [])
        return " ".join(parts + ([self.detail] if self.detail else []))

    @property
    def url(self) -> str:
        base = f"https://lovdata.no/{self.act.lovdata_path}"
        if self.section and self.act.section_mark == "§" and self.section[0].isdigit():
            return f"{base}/§{self.section.replace(' ', '')}"
        return base


ACTS = {
    act.short: act
    for act in (
        Act("hol", "helse- og omsorgstjenesteloven", "lov/2011-06-24-30"),
        Act("pbrl", "pasient- og brukerrettighetsloven", "lov/1999-07-02-63"),
        Act("fvl", "forvaltningsloven", "lov/1967-02-10"),
        Act("dl", "domstolloven", "lov/1915-08-13-5"),
        Act("ldl", "likestillings- og diskrimineringsloven", "lov/2017-06-16-51"),
        # Diskrimineringsnemnda hears complaints under ldl, also about ICT that is not universally designed.
        Act("dombl", "diskrimineringsombudsloven", "lov/2017-06-16-50"),
        Act("popplyl", "personopplysningsloven", "lov/2018-06-15-38"),
        Act("vml", "vergemålsloven", "lov/2010-03-26-9"),
        Act("bl", "barneloven", "lov/1981-04-08-7"),
        Act("bvl", "barnevernsloven", "lov/2021-06-18-97"),
        # The GDPR is Norwegian law through personopplysningsloven § 1.
        Act("gdpr", "personvernforordningen (GDPR)", "lov/2018-06-15-38", "art."),
        Act("uu", "forskrift om universell utforming av IKT-løsninger", "forskrift/2013-06-21-732"),
    )
}


def cite(short: str, section: str = "", detail: str = "") -> Source:
    return Source(ACTS[short], section, detail)


# Each rule the guides state, with its source (LEGAL.md).
SOURCES: dict[str, Source] = {
    "stottekontakt_duty": cite("hol", "3-2", "første ledd nr. 6 bokstav b"),
    "stottekontakt_right": cite("pbrl", "2-1 a"),
    "bpa_duty": cite("hol", "3-8"),
    "bpa_right": cite("pbrl", "2-1 d"),
    "appeal_pbrl": cite("pbrl", "7-2"),
    "appeal_deadline_pbrl": cite("pbrl", "7-5"),
    "appeal_who_and_where": cite("fvl", "28"),
    # Appeals on the municipality's own decisions (not under the health acts) go to the
    # municipal appeal board.
    "appeal_municipal_board": cite("fvl", "28", "andre ledd"),
    "appeal_deadline_fvl": cite("fvl", "29"),
    "appeal_sent_in_time": cite("fvl", "30"),
    "late_appeal": cite("fvl", "31"),
    "late_appeal_pbrl": cite("pbrl", "7-7"),
    # Only a decision given without reasons can be followed by a demand for them.
    "reasons_request": cite("fvl", "24", "andre ledd"),
    # Such a demand, made in time, interrupts the appeal deadline; a new one runs from the
    # day the reasons reach the person.
    "reasons_new_deadline": cite("fvl", "29", "tredje ledd"),
    "reasons": cite("fvl", "23"),
    "reasons_content": cite("fvl", "25"),
    "decision_notice": cite("fvl", "27", "tredje ledd"),
    # An end date that comes from the decision itself (an enkeltvedtak).
    "decision": cite("fvl", "2", "første ledd bokstav b"),
    "reversal_on_review": cite("fvl", "33"),
    "preliminary_reply": cite("fvl", "11 a"),
    "deadline_counting": cite("dl", "148"),
    "deadline_holiday": cite("dl", "149"),
    "power_of_attorney": cite("fvl", "12"),
    # A 16- or 17-year-old gives a parent a written fullmakt themselves (LEGAL.md).
    "young_persons_fullmakt": cite("pbrl", "7-2", "siste ledd"),
    "parental_responsibility": cite("pbrl", "4-4"),
    "age_of_majority_health": cite("pbrl", "4-3"),
    "guardianship": cite("vml"),
    "children_act": cite("bl"),
    # A child barnevernet helps may get a støttekontakt from barnevernet as a help measure.
    "child_welfare_help": cite("bvl", "3-1"),
    "ombud": cite("pbrl", "8-3"),
    # The ombud is a state administrative body: the general duty of confidentiality applies
    # (pbrl § 8-6 is the ombud's access to the services' premises, not confidentiality).
    "ombud_confidentiality": cite("fvl", "13"),
    # The ombud's own statutory access to information; what it sees in the portal is the
    # portal's rule (consent, data minimisation), not this (LEGAL.md).
    "ombud_statutory_access": cite("pbrl", "", "kapittel 8"),
    "data_minimisation": cite("gdpr", "5", "nr. 1 bokstav c"),
    "police_certificate": cite("hol", "5-4"),
    "accessibility": cite("ldl", "18"),
    "identity_number": cite("popplyl", "12"),
    "access_to_documents": cite("fvl", "18"),
    "confidentiality": cite("hol", "12-1"),
    "accessibility_statement": cite("uu"),
    "discrimination_tribunal": cite("dombl"),
    # Støttekontakt and BPA: a duty in law (hol §§ 3-2, 3-8). Ledsagerbevis: no law requires it;
    # the municipality gives it as a public authority, by an enkeltvedtak. Volunteers: the steps
    # before an assignment is agreed.
    "gdpr_legal_obligation": cite("gdpr", "6", "nr. 1 bokstav c"),
    "gdpr_public_authority": cite("gdpr", "6", "nr. 1 bokstav e"),
    "gdpr_contract": cite("gdpr", "6", "nr. 1 bokstav b"),
    "gdpr_storage_limitation": cite("gdpr", "5", "nr. 1 bokstav e"),
    "gdpr_special_categories": cite("gdpr", "9"),
    "gdpr_access": cite("gdpr", "15"),
    # An answer within one month, extendable by two more when needed, told within the first.
    "gdpr_response_time": cite("gdpr", "12", "nr. 3"),
    "gdpr_rights": cite("gdpr", "16–21"),
    "gdpr_complaint": cite("gdpr", "77"),
}
