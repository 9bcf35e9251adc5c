//! Unit tests of attribution, chains, stance, hedging and resolution. The
//! example sentences are made up for these tests.

use super::*;

/// Paragraphs separated by blank lines; sentences split after ". " (enough
/// for these examples).
fn sentences(text: &str) -> Vec<SentenceIn> {
    let mut out = Vec::new();
    let mut pos = 0;
    for (block, para) in text.split("\n\n").enumerate() {
        let base = pos;
        let mut start = 0;
        let bytes = para.as_bytes();
        let mut k = 0;
        while k < bytes.len() {
            let end_here = matches!(bytes[k], b'.' | b'?' | b'!')
                && (k + 1 == bytes.len()
                    || bytes[k + 1] == b' '
                    || (bytes[k + 1] == b'"' && (k + 2 == bytes.len() || bytes[k + 2] == b' ')));
            if end_here && !para[..k].ends_with("Dr") && !para[..k].ends_with("U.S") {
                let mut e = k + 1;
                if e < bytes.len() && bytes[e] == b'"' {
                    e += 1;
                }
                let s = para[start..e].trim_start();
                let off = e - s.len();
                out.push(SentenceIn {
                    span: Span::new(base + off, base + e),
                    block,
                });
                start = e;
                k = e;
                continue;
            }
            k += 1;
        }
        if !para[start..].trim().is_empty() {
            let s = para[start..].trim_start();
            out.push(SentenceIn {
                span: Span::new(base + para.len() - s.len(), base + para.len()),
                block,
            });
        }
        pos += para.len() + 2;
    }
    out
}

fn claims_of(text: &str) -> Vec<Claim> {
    claims_with(text, &[])
}

fn claims_with(text: &str, actors: &[ActorHint]) -> Vec<Claim> {
    let sents = sentences(text);
    let cs = find_claims(&Input {
        text,
        sentences: &sents,
        actors,
    });
    for c in &cs {
        // The span invariant: every span is on char boundaries and in range.
        assert!(text.get(c.span.start..c.span.end).is_some());
        assert!(text.get(c.cue.start..c.cue.end).is_some());
        if let Some(p) = &c.claimant {
            assert!(text.get(p.span.start..p.span.end).is_some());
        }
    }
    cs
}

fn s(text: &str, span: Span) -> &str {
    &text[span.start..span.end]
}

fn who(c: &Claim) -> &str {
    c.claimant.as_ref().map_or("", |p| p.name.as_str())
}

fn via(c: &Claim) -> Vec<&str> {
    c.via.iter().map(|p| p.name.as_str()).collect()
}

#[test]
fn subject_before_cue_with_that() {
    let t = "The border guard service said on Friday that two patrol boats had been sunk.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1);
    assert_eq!(who(&cs[0]), "border guard service");
    assert_eq!(s(t, cs[0].span), "two patrol boats had been sunk.");
    assert_eq!(s(t, cs[0].cue), "said");
    assert_eq!(cs[0].stance, Stance::Asserts);
    assert!(!cs[0].hedged);
}

#[test]
fn attribution_after_the_statement() {
    let t = "Three lorries were burned outside Mirny overnight, the regional police said.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1);
    assert_eq!(who(&cs[0]), "regional police");
    assert_eq!(
        s(t, cs[0].span),
        "Three lorries were burned outside Mirny overnight"
    );
}

#[test]
fn quote_with_inverted_attribution() {
    let t = "\"We lost the ridge at dawn,\" said Major Ilya Petrenko, a battalion officer.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1);
    assert_eq!(who(&cs[0]), "Ilya Petrenko");
    assert_eq!(s(t, cs[0].span), "\"We lost the ridge at dawn,\"");
}

#[test]
fn quote_split_around_attribution() {
    let t = "\"The convoy got through,\" the aid worker said, \"but the road is mined.\"";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1);
    assert_eq!(who(&cs[0]), "aid worker");
    assert!(s(t, cs[0].span).contains("convoy"));
    assert!(s(t, cs[0].span).contains("mined"));
}

#[test]
fn multi_sentence_quote() {
    let t = "\"The shelling started at six. It went on all night. Nobody slept,\" a nurse at the clinic said.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1, "{cs:?}");
    assert!(s(t, cs[0].span).starts_with("\"The shelling started"));
    assert!(s(t, cs[0].span).contains("Nobody slept"));
}

#[test]
fn appositive_name_before_role() {
    let t =
        "Maria Lenk, the district's deputy mayor, said on Telegram that the water plant was hit.";
    let cs = claims_of(t);
    assert_eq!(who(&cs[0]), "Maria Lenk");
    assert!(cs[0].via.is_empty(), "a platform is not a channel");
    assert_eq!(s(t, cs[0].span), "the water plant was hit.");
}

#[test]
fn role_then_name_told_outlet() {
    let t = "\"They came at night,\" a brigade spokesman, Captain Oleh Marchuk, told Reuters.";
    let cs = claims_of(t);
    assert_eq!(who(&cs[0]), "Oleh Marchuk");
    assert_eq!(
        s(t, cs[0].claimant.as_ref().unwrap().span),
        "Captain Oleh Marchuk"
    );
    assert_eq!(via(&cs[0]), ["Reuters"]);
}

#[test]
fn citing_makes_a_chain() {
    let t = "The agency Interfax, citing the regional emergency service, reported that a fuel depot was ablaze.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1);
    assert_eq!(who(&cs[0]), "regional emergency service");
    assert_eq!(via(&cs[0]), ["Interfax"]);
    assert_eq!(s(t, cs[0].span), "a fuel depot was ablaze.");
}

#[test]
fn citing_after_the_cue() {
    let t = "A convoy was hit near Lipki, the newspaper Vesti reported, citing a local official.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1);
    assert_eq!(who(&cs[0]), "local official");
    assert_eq!(via(&cs[0]), ["Vesti"]);
}

#[test]
fn machine_translated_opposite() {
    let t = "Opposite the broadcaster Radio Sokol commander Pavel Orlov claimed that the bridge had fallen.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1);
    assert_eq!(who(&cs[0]), "Pavel Orlov");
    assert_eq!(via(&cs[0]), ["Radio Sokol"]);
    assert!(cs[0].hedged, "\"claimed\" keeps a distance");
}

#[test]
fn according_to_front_and_back() {
    let t = "According to Ukrainian figures, 40 drones were launched. The dam was damaged, according to the utility Hydroenergo.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 2, "{cs:?}");
    assert_eq!(who(&cs[0]), "Ukrainian figures");
    assert_eq!(s(t, cs[0].span), "40 drones were launched.");
    assert_eq!(who(&cs[1]), "Hydroenergo");
    assert_eq!(s(t, cs[1].span), "The dam was damaged");
    assert_eq!(s(t, cs[1].cue), "according to");
}

#[test]
fn according_to_as_channel() {
    let t = "The army said it shot down eight drones, according to state television.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1, "{cs:?}");
    assert_eq!(who(&cs[0]), "army");
    assert_eq!(via(&cs[0]), ["state television"]);
    assert_eq!(s(t, cs[0].span), "it shot down eight drones");
}

#[test]
fn spokesman_for_an_organisation() {
    let t = "A spokesman for the Navy Command said the frigate returned to port.";
    let cs = claims_of(t);
    assert_eq!(who(&cs[0]), "Navy Command");
    assert_eq!(
        s(t, cs[0].claimant.as_ref().unwrap().span),
        "A spokesman for the Navy Command"
    );
}

#[test]
fn nominal_cue_speaks_for_its_owner() {
    let t = "The Brigade's statement said five vehicles were destroyed.";
    let cs = claims_of(t);
    assert_eq!(who(&cs[0]), "Brigade");
    assert_eq!(s(t, cs[0].span), "five vehicles were destroyed.");
}

#[test]
fn denial_and_accusation() {
    let t = "The rebels denied attacking the market and accused the army of shelling it.";
    let cs = claims_of(t);
    assert_eq!(cs[0].stance, Stance::Denies);
    assert_eq!(who(&cs[0]), "rebels");
    assert!(s(t, cs[0].span).starts_with("attacking the market"));
}

#[test]
fn dismissed_as() {
    let t = "The ministry dismissed the video as a fabrication.";
    let cs = claims_of(t);
    assert_eq!(cs[0].stance, Stance::Denies);
}

#[test]
fn hedges() {
    let t = "The militia said it had reportedly taken Oro. The police said the road was open.\n\nA farmer said the shelling lasted an hour. The account could not be independently verified.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 3);
    assert!(cs[0].hedged);
    assert!(!cs[1].hedged);
    assert!(cs[2].hedged);
}

#[test]
fn own_voice_is_no_claim() {
    let t = "Drones reportedly struck the depot on Monday. The town has 4,000 inhabitants.";
    assert!(claims_of(t).is_empty());
}

#[test]
fn negated_passive_and_noun_uses_are_no_cues() {
    let t = "The army did not say how many died. The claims were repeated on Monday. It was reported by few.";
    assert!(claims_of(t).is_empty(), "{:?}", claims_of(t));
}

#[test]
fn participle_and_also_said() {
    let t = "The Kivu Relief Network said the camp was hit twice, adding that two tents burned.\n\nIt also said the wells were poisoned.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 3, "{cs:?}");
    assert_eq!(s(t, cs[0].span), "the camp was hit twice");
    assert_eq!(s(t, cs[1].span), "two tents burned.");
    assert_eq!(who(&cs[1]), "Kivu Relief Network");
    assert_eq!(who(&cs[2]), "Kivu Relief Network");
    assert_eq!(s(t, cs[2].claimant.as_ref().unwrap().span), "It");
}

#[test]
fn said_that_and_that() {
    let t = "The governor said that a school was hit and that power was cut in the east.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 2);
    assert_eq!(s(t, cs[0].span), "a school was hit");
    assert_eq!(s(t, cs[1].span), "power was cut in the east.");
}

#[test]
fn two_cues_in_one_sentence() {
    let t = "The garrison held the crossing, the army said, as the insurgents insisted they controlled the town.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 2, "{cs:?}");
    assert_eq!(s(t, cs[0].span), "The garrison held the crossing");
    assert_eq!(who(&cs[1]), "insurgents", "{cs:?}");
    assert_eq!(s(t, cs[1].span), "they controlled the town.");
}

#[test]
fn pronoun_takes_last_person_and_channel() {
    let t = "Aid worker Lina Haddad told the Associated Press that the clinic was empty. Two guards were hurt, she said.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 2);
    assert_eq!(who(&cs[0]), "Lina Haddad");
    assert_eq!(via(&cs[0]), ["Associated Press"]);
    assert_eq!(who(&cs[1]), "Lina Haddad");
    assert_eq!(via(&cs[1]), ["Associated Press"]);
}

#[test]
fn surname_takes_full_name() {
    let t = "General Amadou Keita said the base held.\n\nLater Keita said the attackers fled.";
    let cs = claims_of(t);
    assert_eq!(who(&cs[1]), "Amadou Keita");
}

#[test]
fn actor_mentions_give_canonical_names() {
    let t = "The militia said the checkpoint was theirs. Later it said the checkpoint was burned.";
    let actors = [ActorHint {
        span: Span::new(4, 11),
        name: "Ma'awisley".into(),
        kind: HintKind::Group,
        nouns: vec!["militia".into()],
    }];
    let cs = claims_with(t, &actors);
    assert_eq!(who(&cs[0]), "Ma'awisley");
    assert_eq!(who(&cs[1]), "Ma'awisley");
}

#[test]
fn colon_then_quote_paragraph() {
    let t = "The commander wrote:\n\n\"Hold the line until relief comes.\"";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1, "{cs:?}");
    assert!(s(t, cs[0].span).contains("Hold the line"));
}

#[test]
fn events_link_by_trigger() {
    let t = "The mayor said a shell hit the school.";
    let cs = claims_of(t);
    let hit = t.find("hit").unwrap();
    let mayor = t.find("mayor").unwrap();
    let none = Span::new(0, 0);
    let links = link_events(
        &cs,
        &[
            (Span::new(hit, hit + 3), none),
            (Span::new(mayor, mayor + 5), none),
            (none, Span::new(0, t.len())),
            (none, Span::new(hit, t.len())),
        ],
    );
    assert_eq!(links, vec![vec![0, 2]]);
}

#[test]
fn odd_inputs_do_not_panic() {
    for t in [
        "",
        "said",
        "\"",
        "according to",
        ", said",
        "“”",
        "He said: ",
        "citing",
        "told Reuters",
    ] {
        let sents = [SentenceIn {
            span: Span::new(0, t.len()),
            block: 0,
        }];
        let _ = find_claims(&Input {
            text: t,
            sentences: &sents,
            actors: &[],
        });
    }
    // A span out of range or off a char boundary is skipped.
    let t = "é said x";
    let sents = [SentenceIn {
        span: Span::new(1, 50),
        block: 0,
    }];
    assert!(find_claims(&Input {
        text: t,
        sentences: &sents,
        actors: &[]
    })
    .is_empty());
}

proptest::proptest! {
    #[test]
    fn spans_always_slice(t in "[A-Za-zé’'\"“”«»(),.:; ]{0,80}( said | told | according to | citing | denied | Roe’s statement said )[A-Za-zé’'\"“”«»(),.:; ]{0,80}") {
        let sents = sentences(&t);
        let cs = find_claims(&Input { text: &t, sentences: &sents, actors: &[] });
        for c in cs {
            proptest::prop_assert!(t.get(c.span.start..c.span.end).is_some());
            proptest::prop_assert!(c.span.start <= c.span.end);
            for p in c.claimant.iter().chain(c.via.iter()) {
                proptest::prop_assert!(t.get(p.span.start..p.span.end).is_some());
            }
        }
    }
}

#[test]
fn surname_takes_full_name_from_text() {
    let t = "Fighters led by Ilse Brandt reached the river.\n\nBrandt said the crossing was held.";
    let cs = claims_of(t);
    assert_eq!(who(&cs[0]), "Ilse Brandt");
}

#[test]
fn a_post_speaks_for_the_last_group() {
    let t = "The Northern Brigade said it took the hill. \"We hold it,\" said a post on X.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 2);
    assert_eq!(who(&cs[1]), "Northern Brigade");
    assert!(cs[1].via.is_empty());
}

#[test]
fn citing_without_commas() {
    let t = "The agency Sputnik citing a police source reported that the bridge was closed.";
    let cs = claims_of(t);
    assert_eq!(who(&cs[0]), "police source");
    assert_eq!(via(&cs[0]), ["Sputnik"]);
}

#[test]
fn spoke_of_a_quotation_but_not_published_a_video() {
    let t = "The commander spoke on local radio of “heavy losses” near the dam. The unit published a video of the strike.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1, "{cs:?}");
    assert!(s(t, cs[0].span).contains("heavy losses"));
}

#[test]
fn bulletin_line_with_colon() {
    let t = "Anna Roe: two shells hit the depot. Nobody was hurt.\n\nANCHOR: Good evening.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1, "{cs:?}");
    assert_eq!(who(&cs[0]), "Anna Roe");
    assert_eq!(
        s(t, cs[0].span),
        "two shells hit the depot. Nobody was hurt."
    );
}

#[test]
fn parenthetical_acronym_and_title() {
    let t = "The Joint Staff Office (JSO) said two posts were lost. \"It was hard,\" said Dr. Lena Ford, a medic.";
    let cs = claims_of(t);
    assert_eq!(who(&cs[0]), "Joint Staff Office");
    assert_eq!(who(&cs[1]), "Dr. Lena Ford");
}

#[test]
fn coordinated_subjects() {
    let t = "Witnesses and a local doctor said the clinic was shelled. No lives or property reported lost.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1, "{cs:?}");
    assert_eq!(
        s(t, cs[0].claimant.as_ref().unwrap().span),
        "Witnesses and a local doctor"
    );
}

#[test]
fn denied_and_said() {
    let t = "The front denied any role and said the blast was staged.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 2, "{cs:?}");
    assert_eq!(s(t, cs[0].span), "any role");
    assert_eq!(cs[0].stance, Stance::Denies);
    assert_eq!(who(&cs[1]), "front");
    assert_eq!(cs[1].stance, Stance::Asserts);
    assert_eq!(s(t, cs[1].span), "the blast was staged.");
}

#[test]
fn according_to_citing() {
    let t =
        "The mayor was detained, according to the portal Vijesti, citing sources in the police.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1, "{cs:?}");
    assert_eq!(who(&cs[0]), "police");
    assert_eq!(via(&cs[0]), ["Vijesti"]);
    assert_eq!(s(t, cs[0].span), "The mayor was detained");
}

#[test]
fn dotted_abbreviations_stay_in_names() {
    let t = "The U.S. Southern Command said a vessel was struck.";
    let cs = claims_of(t);
    assert_eq!(who(&cs[0]), "U.S. Southern Command");
}

#[test]
fn subjects_with_participles_and_relatives() {
    let t = "An officer with a unit near the dam, speaking to Radio Nord, said the dam held. In its morning update it said ten shells fell. Two men reported missing by relatives were found, the police said. Analysts, some of whom have visited the area, said the front was static.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 4, "{cs:?}");
    assert_eq!(
        s(t, cs[0].claimant.as_ref().unwrap().span),
        "An officer with a unit near the dam"
    );
    assert_eq!(via(&cs[0]), ["Radio Nord"]);
    assert_eq!(s(t, cs[1].claimant.as_ref().unwrap().span), "it");
    assert_eq!(who(&cs[2]), "police");
    assert_eq!(
        s(t, cs[2].span),
        "Two men reported missing by relatives were found"
    );
    assert_eq!(who(&cs[3]), "Analysts");
}

#[test]
fn description_takes_a_name_from_the_text() {
    let t = "Voters backed the Green Harbour Party in May. The party denied that it paid them.";
    let cs = claims_of(t);
    assert_eq!(who(&cs[0]), "Green Harbour Party");
}

#[test]
fn statement_goes_to_its_issuer() {
    let t = "The Joint Staff informed in a communique that a convoy was hit. The rebels claimed the attack. According to the same communique, ten attackers died.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 3, "{cs:?}");
    assert_eq!(who(&cs[2]), "Joint Staff");
}

#[test]
fn modals_and_neither_are_no_cues() {
    let t = "Reuters cannot confirm the figures. Neither claim can be verified. The army will announce the toll later.";
    assert!(claims_of(t).is_empty(), "{:?}", claims_of(t));
}

#[test]
fn typographic_possessive_owner() {
    let t = "The Legion’s statement said the depot burned. The Army's post said it was false.";
    let cs = claims_of(t);
    assert_eq!(who(&cs[0]), "Legion");
    assert_eq!(who(&cs[1]), "Army");
}

#[test]
fn a_capitalised_cue_inside_a_name_is_no_verb() {
    let t = "Officials of the United States Navy met the crew in Port Vela.";
    assert!(claims_of(t).is_empty());
    // Lower case it is still a verb.
    let t = "The navy states that the crew is safe.";
    assert_eq!(who(&claims_of(t)[0]), "navy");
}

#[test]
fn a_manner_adverb_before_the_cue_is_not_the_claimant() {
    let t = "The two harbour authorities jointly announced that the port would close.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1);
    assert_eq!(who(&cs[0]), "two harbour authorities");
    // A noun in "-ly" stays the subject.
    let t = "The family said that the boy was safe.";
    assert_eq!(who(&claims_of(t)[0]), "family");
}

#[test]
fn a_day_after_the_cue_is_no_inverted_claimant() {
    let t = "Mira Lenk, the head of the port authority, announced Tuesday in a letter that she would resign.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1);
    assert_eq!(who(&cs[0]), "Mira Lenk");
    assert_eq!(s(t, cs[0].span), "she would resign.");
}

#[test]
fn inverted_claimant_with_two_roles() {
    let t =
        "\"The harbour will reopen,\" said the deputy director and spokesman of the port Anna Vik.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1);
    assert!(s(t, cs[0].claimant.as_ref().unwrap().span).ends_with("Anna Vik"));
    // Two people joined by "and" are not one claimant.
    let t = "\"The harbour will reopen,\" said the director and the mayor.";
    let cs = claims_of(t);
    assert!(cs
        .iter()
        .all(|c| !who(c).contains("mayor") || !who(c).contains("director")));
}

#[test]
fn a_day_between_cue_and_statement() {
    let t = "The shipping line announced today it would cut 300 jobs, mostly at the docks.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1);
    assert_eq!(who(&cs[0]), "shipping line");
    assert!(s(t, cs[0].span).starts_with("it would cut 300 jobs"));
    // A day followed by a complement is still no statement.
    assert!(claims_of("The shipping line said on Monday in Vela.").is_empty());
}

#[test]
fn by_saying_belongs_to_the_subject() {
    let t = "The port director answered the union by saying that the cranes were safe.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1);
    assert_eq!(who(&cs[0]), "port director");
    assert_eq!(s(t, cs[0].span), "the cranes were safe.");
}

#[test]
fn a_company_suffix_keeps_its_period() {
    let t = "Vela Shipping Inc. announced on Monday that it would sell two tankers.";
    // One sentence (the helper above would split after "Inc.").
    let sentences = [SentenceIn {
        span: Span::new(0, t.len()),
        block: 0,
    }];
    let cs = find_claims(&Input {
        text: t,
        sentences: &sentences,
        actors: &[],
    });
    assert_eq!(cs.len(), 1);
    assert_eq!(
        s(t, cs[0].claimant.as_ref().unwrap().span),
        "Vela Shipping Inc."
    );
}

#[test]
fn beliefs_and_intentions_are_claims_of_their_own_kind() {
    let t = "The regional governor fears that the dam could fail within days.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1);
    assert_eq!(who(&cs[0]), "regional governor");
    assert_eq!(cs[0].kind(), AttributionKind::Belief);
    assert_eq!(s(t, cs[0].span), "the dam could fail within days.");

    let t = "The river authority wants to open two more sluices on Sunday.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1);
    assert_eq!(who(&cs[0]), "river authority");
    assert_eq!(cs[0].kind(), AttributionKind::Intention);

    // An object before the infinitive: "expects the talks to fail".
    let t = "Colonel Anton Vell expects the ceasefire talks to collapse.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1);
    assert_eq!(who(&cs[0]), "Anton Vell");
    assert_eq!(cs[0].kind(), AttributionKind::Belief);

    // Speech stays speech.
    let t = "The border guard service said that two boats had been sunk.";
    assert_eq!(claims_of(t)[0].kind(), AttributionKind::Speech);
}

#[test]
fn cognition_verbs_need_a_clause_or_an_infinitive() {
    // No statement: a plain object, a noun use, a passive.
    for t in [
        "The villagers want peace and clean water.",
        "The plans were drawn up in March by the council.",
        "Fears of a new offensive grew in the town.",
        "The convoy is expected to arrive on Monday.",
        "Residents hope for rain before the harvest.",
        "The brigade wants to the river.",
    ] {
        assert!(claims_of(t).is_empty(), "{t}");
    }
}

#[test]
fn a_noun_use_of_an_intention_verb_is_no_claim() {
    let t = "The governor asked officials to make new tentative plans to evacuate the port.";
    assert!(claims_of(t)
        .iter()
        .all(|c| c.kind() != AttributionKind::Intention));
}

#[test]
fn a_quoted_first_person_view_does_not_cut_the_quote() {
    // The quotation is left open in this paragraph.
    let t = "Colonel Ada Voss said in a statement, \"We want to know who fired the shells and why.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1);
    assert_eq!(who(&cs[0]), "Ada Voss");
    assert!(s(t, cs[0].span).contains("who fired the shells"));
}

#[test]
fn participles_with_their_own_subject_or_a_quote() {
    let t = "The dam was closed on Monday, Rivertek saying that the spillway had cracked.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1);
    assert_eq!(who(&cs[0]), "Rivertek");
    assert_eq!(s(t, cs[0].span), "the spillway had cracked.");

    let t = "Mayor Lina Ort defended the curfew by saying, \"The streets are not safe at night.\"";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1);
    assert!(s(t, cs[0].span).contains("streets are not safe"));
}

#[test]
fn requests_are_claims_of_their_own_kind() {
    let t = "The audit office on Tuesday called for a new tender for the fuel contract.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1);
    assert_eq!(who(&cs[0]), "audit office");
    assert_eq!(cs[0].kind(), AttributionKind::Request);
    assert_eq!(s(t, cs[0].span), "a new tender for the fuel contract.");

    let t = "The governor asked the garrison to open the northern road.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1);
    assert_eq!(who(&cs[0]), "governor");
    assert_eq!(cs[0].kind(), AttributionKind::Request);

    // No request: "asked for" without an infinitive, "called" without "for".
    for t in [
        "Mayors of the valley asked for more patrols on the roads.",
        "A militia called the Night Guard holds the ridge.",
        "The calls for calm went unheard in the market.",
    ] {
        assert!(claims_of(t).is_empty(), "{t}");
    }
}

#[test]
fn nominal_cues_with_an_owner_and_a_that_clause() {
    let t = "Shares rose after the port authority's announcement that it would reopen the docks.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1);
    assert_eq!(who(&cs[0]), "port authority");
    assert_eq!(s(t, cs[0].cue), "announcement");
    assert_eq!(s(t, cs[0].span), "it would reopen the docks.");

    let t = "The talks followed the announcement by Rivertek that it had closed the mine.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1);
    assert_eq!(who(&cs[0]), "Rivertek");

    // No owner or no clause: nothing is stated.
    for t in [
        "The announcement that the bridge was closed surprised the drivers.",
        "In his speech the mayor thanked the volunteers.",
    ] {
        assert!(claims_of(t).is_empty(), "{t}");
    }
}

#[test]
fn quoted_as_saying_and_participles_after_their_subject() {
    let t = "\"The runway stays closed,\" the Daily Courier quoted Ilse Marn as saying.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1);
    assert_eq!(who(&cs[0]), "Ilse Marn");
    assert_eq!(cs[0].via.len(), 1);
    assert!(cs[0].via[0].name.contains("Daily Courier"));
    assert!(s(t, cs[0].span).contains("runway stays closed"));

    let t = "The deal died because of reports stating that the tender had been rigged.";
    let cs = claims_of(t);
    assert_eq!(cs.len(), 1);
    let party = cs[0].claimant.as_ref().unwrap().span;
    assert_eq!(s(t, party), "reports");
    assert_eq!(s(t, cs[0].span), "the tender had been rigged.");

    // A participle after a noun needs "that" or a quotation.
    assert!(claims_of("Villagers saying goodbye gathered at the gate.").is_empty());
}

#[test]
fn a_split_off_said_says_the_sentence_before() {
    let text = "\"We will keep the border open,\"\n\nsaid Anna Brek, the interior minister.";
    let gap = text.find("\n\n").unwrap();
    let sents = [
        SentenceIn {
            span: Span::new(0, gap),
            block: 0,
        },
        SentenceIn {
            span: Span::new(gap + 2, text.len()),
            block: 1,
        },
    ];
    let cs = find_claims(&Input {
        text,
        sentences: &sents,
        actors: &[],
    });
    assert_eq!(cs.len(), 1, "{cs:?}");
    assert!(who(&cs[0]).contains("Anna Brek"));
    assert!(s(text, cs[0].span).contains("border open"));
}
