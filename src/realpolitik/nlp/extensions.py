"""Every `._` extension realpolitik's components read or write, declared in one place.

Components talk only through the Doc: `doc.ents`, the span groups named below, and these
extensions. Values are plain JSON-ready data so Docs survive `nlp.pipe(n_process>1)`.
"""

from spacy.tokens import Doc, Span, Token

#: span group of actor mentions; each span carries `_.rp_actor` and `_.rp_kind`
ACTOR_SPANS = "rp_actors"
#: span group of groups no country is named for ("civilians", "the coalition": `---CVL`, `---IMG`)
#: and of places named by a common noun only ("a hospital": `place:hospital`);
#: recorded as actors like rp_actors, kept apart so later stages opt in to them as participants
GROUP_SPANS = "rp_groups"
#: span group of weapon mentions; each span carries `_.rp_weapon`
WEAPON_SPANS = "rp_weapons"

_DOC = {
    "rp_published": None,   # ISO date of the document, anchors relative dates and tenures
    "rp_source": None,      # outlet or publisher of the document: whose the writer's "we" is
    "rp_actor_info": None,  # actor id -> {id, name, type, country, sector, role, wikidata}
    "rp_events": None,      # list of event dicts (records.Event fields, evidence as offsets)
    "rp_transfers": None,   # list of arms-transfer dicts
    "rp_arms_events": None, # events the arms stage codes (use of supplied weapons), merged by events
    "rp_claims": None,      # list of claim dicts
    "rp_framing": None,     # list of framing-span dicts
    "rp_slant": None,       # list of per-actor slant dicts (framing stage)
    "rp_speaker_states": None,  # one dict per sentence: start, end, actor, country of who says it (context stage)
}
_SPAN = {
    "rp_actor": None,       # actor id of a mention
    "rp_kind": None,        # mention kind: name, alias, metonym, demonym, label, description, pronoun
    "rp_gpe_role": None,    # a state's name as an agent ("org") or as its territory ("loc"), a demonym as its people ("per")
    "rp_weapon": None,      # weapon dict of a weapon mention
}
_TOKEN = {
    "rp_modality": None,    # modality of the clause headed by this token (None: asserted)
    "rp_modality_cue": None,
    "rp_speaker": None,     # token index of the speaker's head; None or -1: the AUTHOR
}


def register() -> None:
    """Declare the extensions (idempotent)."""
    for cls, table in ((Doc, _DOC), (Span, _SPAN), (Token, _TOKEN)):
        for name, default in table.items():
            if not cls.has_extension(name):
                cls.set_extension(name, default=default)


register()
