//! Whole pages, invented for these tests, read with both the text crate's
//! segmenter and a segmentation that puts every line in a block of its own
//! (as a segmenter splitting headline and caption lines does).

use jiff::civil::{date, Date};
use sitrep_meta::{read, BlockRole, DateKind, Metadata};
use sitrep_text::segment::Segmentation;
use sitrep_text::Span;

mod common;
use common::line_blocks;

/// The page read both ways; `check` runs on each.
fn both(text: &str, check: impl Fn(&str, &Segmentation, &Metadata)) {
    for seg in [sitrep_text::segment(text), line_blocks(text)] {
        let meta = read(text, &seg);
        assert_eq!(meta.block_roles.len(), seg.blocks.len());
        check(text, &seg, &meta);
    }
}

fn slice(text: &str, span: Option<Span>) -> Option<&str> {
    span.map(|s| s.slice(text))
}

fn published(meta: &Metadata) -> Option<(Date, DateKind)> {
    meta.published.map(|p| (p.date, p.kind))
}

/// The role of the block starting with `prefix`.
fn role(text: &str, seg: &Segmentation, meta: &Metadata, prefix: &str) -> BlockRole {
    let i = seg
        .blocks
        .iter()
        .position(|b| b.span.slice(text).starts_with(prefix))
        .unwrap_or_else(|| panic!("no block starts with {prefix:?}"));
    meta.block_roles[i]
}

#[test]
fn wire_story() {
    let text = "Drone debris sets fire to grain terminal in southern port\n\n\
        By Marta Kovalenko and Peter Lindgren | Reuters\n\n\
        March 15, 2024 7:41 AM GMT+1\n\n\
        ODESA, Ukraine, March 15 (Reuters) - Falling debris from downed drones started a fire \
        at a grain terminal overnight, the regional governor said on Friday.\n\n\
        Firefighters put the blaze out by morning and no one was hurt, he said.\n\n\
        Share this article\n\n\
        (Reporting by Marta Kovalenko; Editing by Peter Lindgren)";
    both(text, |text, seg, meta| {
        assert_eq!(
            slice(text, meta.title),
            Some("Drone debris sets fire to grain terminal in southern port")
        );
        assert_eq!(
            slice(text, meta.byline),
            Some("Marta Kovalenko and Peter Lindgren")
        );
        assert_eq!(slice(text, meta.outlet), Some("Reuters"));
        assert_eq!(
            published(meta),
            Some((date(2024, 3, 15), DateKind::Published))
        );
        assert_eq!(meta.published.unwrap().span.slice(text), "March 15, 2024");
        let dateline = meta.dateline.expect("a dateline");
        assert_eq!(dateline.place.slice(text), "ODESA");
        assert_eq!(slice(text, dateline.agency), Some("Reuters"));
        assert_eq!(meta.language, Some("en"));
        assert_eq!(role(text, seg, meta, "Drone debris"), BlockRole::Title);
        assert_eq!(role(text, seg, meta, "By Marta"), BlockRole::Byline);
        assert_eq!(role(text, seg, meta, "March 15, 2024"), BlockRole::Date);
        assert_eq!(role(text, seg, meta, "ODESA"), BlockRole::Body);
        assert_eq!(role(text, seg, meta, "Share this"), BlockRole::Furniture);
    });
}

#[test]
fn wire_dateline_without_year_gives_no_date() {
    let text = "MOSCOW, March 15 (Reuters) - Russia said on Friday it had shot down \
        eleven drones over its border regions.\n\nThe ministry gave no details.";
    both(text, |text, _, meta| {
        assert_eq!(meta.published, None);
        assert_eq!(meta.title, None);
        assert_eq!(meta.dateline.map(|d| d.place.slice(text)), Some("MOSCOW"));
        assert_eq!(slice(text, meta.outlet), Some("Reuters"));
    });
}

#[test]
fn german_page() {
    let text = "Startseite Politik Ausland\n\n\
        Drohnenangriff auf Treibstofflager nahe der Grenze\n\n\
        Von Jan Brückner\n\n\
        Stand: 15.03.2024, 10:03 Uhr\n\n\
        Rauch steigt über dem Lager auf. Foto: Lena Brandt/dpa\n\n\
        Kiew – In der Nacht haben Drohnen ein Treibstofflager in Brand gesetzt. \
        Die Feuerwehr war bis zum Morgen im Einsatz, wie die Behörden mitteilten.\n\n\
        Verletzt wurde nach Angaben der Regionalverwaltung niemand. (dpa)";
    both(text, |text, seg, meta| {
        assert_eq!(
            slice(text, meta.title),
            Some("Drohnenangriff auf Treibstofflager nahe der Grenze")
        );
        assert_eq!(slice(text, meta.byline), Some("Jan Brückner"));
        assert_eq!(meta.published.map(|p| p.date), Some(date(2024, 3, 15)));
        let credits: Vec<&str> = meta.credits.iter().map(|c| c.slice(text)).collect();
        assert_eq!(credits, ["Lena Brandt/dpa"]);
        let notes: Vec<&str> = meta.agency_notes.iter().map(|n| n.slice(text)).collect();
        assert_eq!(notes, ["dpa"]);
        assert_eq!(meta.dateline.map(|d| d.place.slice(text)), Some("Kiew"));
        assert_eq!(meta.language, Some("de"));
        assert_eq!(role(text, seg, meta, "Startseite"), BlockRole::Furniture);
        assert_eq!(role(text, seg, meta, "Rauch steigt"), BlockRole::Caption);
    });
}

#[test]
fn french_page_with_published_and_updated_dates() {
    let text = "Des drones frappent un dépôt de carburant\n\n\
        Par Élodie Marchand\n\n\
        Publié le 15 mars 2024 à 10h03, modifié le 16 mars 2024 à 08h12\n\n\
        Kiev – Des drones ont mis le feu à un dépôt de carburant pendant la nuit, \
        selon les autorités régionales. Les pompiers ont maîtrisé l'incendie au matin.";
    both(text, |text, _, meta| {
        assert_eq!(slice(text, meta.byline), Some("Élodie Marchand"));
        assert_eq!(
            published(meta),
            Some((date(2024, 3, 15), DateKind::Published))
        );
        assert_eq!(meta.updated.map(|u| u.date), Some(date(2024, 3, 16)));
        assert_eq!(meta.language, Some("fr"));
    });
}

#[test]
fn russian_page() {
    let text = "Беспилотники атаковали нефтебазу\n\n\
        15 марта 2024, 10:03\n\n\
        Ночью беспилотники атаковали нефтебазу в приграничном районе, сообщили власти. \
        Пожар удалось потушить к утру, пострадавших нет.";
    both(text, |text, _, meta| {
        assert_eq!(
            slice(text, meta.title),
            Some("Беспилотники атаковали нефтебазу")
        );
        assert_eq!(
            published(meta),
            Some((date(2024, 3, 15), DateKind::Published))
        );
        assert_eq!(meta.language, Some("ru"));
    });
}

#[test]
fn published_and_updated_lines() {
    let text = "Reuters\n\n\
        Published 3:40 PM EDT, Fri March 15, 2024\n\
        Updated 5:02 PM EDT, Sat March 16, 2024\n\n\
        Officials said the talks would resume next week in Geneva.";
    both(text, |text, _, meta| {
        assert_eq!(
            published(meta),
            Some((date(2024, 3, 15), DateKind::Published))
        );
        assert_eq!(meta.updated.map(|u| u.date), Some(date(2024, 3, 16)));
        assert_eq!(slice(text, meta.outlet), Some("Reuters"));
    });
    // Only an update date: it is the best there is.
    let text = "Last updated: 2 April 2024\n\nOfficials said the talks would resume.";
    both(text, |_, _, meta| {
        assert_eq!(published(meta), Some((date(2024, 4, 2), DateKind::Updated)));
    });
    // A label on its own line gives its kind to the date below it.
    let text = "Updated:\n\n4 April 2024\n\nOfficials said the talks would resume.";
    both(text, |_, _, meta| {
        assert_eq!(published(meta), Some((date(2024, 4, 4), DateKind::Updated)));
    });
}

#[test]
fn footer_dates_count_when_the_header_has_none() {
    let text = "Ceasefire talks stall again\n\n\
        Negotiators left the capital on Monday without an agreement, officials said.\n\n\
        They are expected to meet again later this month.\n\n\
        Published: 12 February 2025";
    both(text, |text, seg, meta| {
        assert_eq!(
            published(meta),
            Some((date(2025, 2, 12), DateKind::Published))
        );
        assert_eq!(role(text, seg, meta, "Published:"), BlockRole::Date);
    });
}

#[test]
fn dates_inside_sentences_are_not_publication_dates() {
    let text = "On March 3, 2022 the war began in earnest across the east, and by \
        24.02.2023 the front had barely moved.\n\nFighting continued in 2024.";
    both(text, |_, _, meta| assert_eq!(meta.published, None));
}

#[test]
fn a_dateline_with_a_year_dates_the_story() {
    let text = "KHARKIV, Ukraine, March 15, 2024 (AP) — Russian drones struck the city \
        overnight, officials said.";
    both(text, |text, _, meta| {
        assert_eq!(
            published(meta),
            Some((date(2024, 3, 15), DateKind::Published))
        );
        assert_eq!(slice(text, meta.outlet), Some("AP"));
    });
}

#[test]
fn masthead_posted_on_and_photo_credit() {
    let text = "Kyiv Independent\n\n\
        Air defense downs most missiles in overnight attack\n\n\
        Posted on March 15, 2024 at 9:00 am\n\n\
        Author: Oksana Demchuk\n\n\
        Rescuers at the site of the strike. (Photo by Ivan Sobol/Getty Images)\n\n\
        Air defense forces shot down most of the missiles launched overnight, the air \
        force said on Friday.";
    both(text, |text, seg, meta| {
        assert_eq!(slice(text, meta.outlet), Some("Kyiv Independent"));
        assert_eq!(
            slice(text, meta.title),
            Some("Air defense downs most missiles in overnight attack")
        );
        assert_eq!(meta.published.map(|p| p.date), Some(date(2024, 3, 15)));
        assert_eq!(slice(text, meta.byline), Some("Oksana Demchuk"));
        let credits: Vec<&str> = meta.credits.iter().map(|c| c.slice(text)).collect();
        assert_eq!(credits, ["Ivan Sobol/Getty Images"]);
        assert_eq!(
            role(text, seg, meta, "Kyiv Independent"),
            BlockRole::Furniture
        );
        assert_eq!(role(text, seg, meta, "Rescuers at"), BlockRole::Caption);
    });
}

#[test]
fn source_line_names_the_outlet() {
    let text = "Shelling damages school in frontline town\n\n\
        A school was damaged by shelling on Friday, local officials said.\n\n\
        Source: Ukrinform";
    both(text, |text, seg, meta| {
        assert_eq!(slice(text, meta.outlet), Some("Ukrinform"));
        assert_eq!(role(text, seg, meta, "Source:"), BlockRole::Credit);
    });
}

#[test]
fn closing_notes() {
    let text = "The talks resumed on Monday.\n\nReuters contributed to this report.";
    both(text, |text, seg, meta| {
        let notes: Vec<&str> = meta.agency_notes.iter().map(|n| n.slice(text)).collect();
        assert_eq!(notes, ["Reuters contributed to this report"]);
        assert_eq!(
            role(text, seg, meta, "Reuters contributed"),
            BlockRole::AgencyNote
        );
    });
    let text = "The talks resumed on Monday.\n\n— AFP";
    both(text, |text, _, meta| {
        let notes: Vec<&str> = meta.agency_notes.iter().map(|n| n.slice(text)).collect();
        assert_eq!(notes, ["AFP"]);
    });
}

#[test]
fn furniture_and_subheadings() {
    let text = "Home › World › Europe\n\n\
        Villages evacuated as shelling intensifies\n\n\
        4 min read\n\n\
        Authorities ordered the evacuation of six villages on Thursday, citing heavy shelling.\n\n\
        Advertisement\n\n\
        Why the border matters\n\n\
        The area has seen repeated cross-border raids since last spring, officials said.\n\n\
        Follow us on Telegram\n\n\
        Tags: Ukraine, Russia, Evacuation";
    both(text, |text, seg, meta| {
        assert_eq!(
            slice(text, meta.title),
            Some("Villages evacuated as shelling intensifies")
        );
        for furniture in ["Home", "4 min", "Advertisement", "Follow us", "Tags:"] {
            assert_eq!(
                role(text, seg, meta, furniture),
                BlockRole::Furniture,
                "{furniture}"
            );
        }
        assert_eq!(role(text, seg, meta, "Why the border"), BlockRole::Heading);
        assert_eq!(role(text, seg, meta, "The area has"), BlockRole::Body);
    });
}

#[test]
fn empty_and_odd_texts() {
    for text in [
        "",
        " ",
        "\n\n\n",
        "\u{feff}",
        "😀😀😀",
        "2024",
        "By",
        "(",
        "© /",
        "a\u{301}",
    ] {
        both(text, |text, _, meta| {
            if let Some(p) = meta.published {
                assert!(text.get(p.span.range()).is_some());
            }
        });
    }
    let meta = read("", &Segmentation::default());
    assert!(meta.block_roles.is_empty());
    assert_eq!(meta.language, None);
}

#[test]
fn related_lists_and_sign_offs() {
    let text = "Militia seizes river port after two days of fighting\n\n\
        Most read\n\n\
        Floods cut road to the north\n\n\
        By Arno Kessler\n\n\
        4 February 2023\n\n\
        The militia took the port on Sunday after government troops withdrew overnight, \
        residents reported by telephone.\n\n\
        Boats were seen leaving the harbour with families on board.\n\n";
    let body = "Traders said prices of fuel and flour had doubled since the fighting began.\n\n";
    let tail = "Last updated 9 July 2024\n\n\
        — Beatriz Okonjo\n\n\
        Read more\n\n\
        By Gideon Marsh\n\n\
        2 July 2024";
    let text = format!("{text}{}{tail}", body.repeat(16));
    both(&text, |text, _, meta| {
        assert_eq!(slice(text, meta.byline), Some("Beatriz Okonjo"));
        assert_eq!(published(meta), Some((date(2024, 7, 9), DateKind::Updated)));
    });
}

#[test]
fn header_of_fields() {
    let text = "[Machine translation from Portuguese]\n\n\
        COASTAL TIMES — Beira, Saturday 6 April 2024\n\n\
        Insurgents burn village near the coast\n\n\
        14:20 | From Tiago Mendes\n\n\
        Insurgents set fire to houses in a coastal village on Friday, the district \
        administrator said.";
    both(text, |text, _, meta| {
        assert_eq!(
            slice(text, meta.title),
            Some("Insurgents burn village near the coast")
        );
        assert_eq!(slice(text, meta.byline), Some("Tiago Mendes"));
        assert_eq!(
            published(meta),
            Some((date(2024, 4, 6), DateKind::Published))
        );
    });
}

#[test]
fn yearless_wire_dateline_takes_the_year_of_another_date() {
    let text = "Paramilitaries shell market in desert town\n\n\
        Last updated: 3 January 2025\n\n\
        AL-FASHIR, Dec 31 (Reuters) - Shells hit a crowded market on Tuesday, killing at least \
        twelve people, a local aid group said.\n\nThe group said the toll could rise.";
    both(text, |_, _, meta| {
        assert_eq!(
            published(meta),
            Some((date(2024, 12, 31), DateKind::Published))
        );
        assert_eq!(meta.updated.map(|u| u.date), Some(date(2025, 1, 3)));
    });
}

#[test]
fn a_labelled_publication_date_beats_a_bare_date() {
    let text = "Ceasefire talks resume in the capital\n\n\
        Talks round 3 · 18 May 2024\n\n\
        By Selin Arat\n\n\
        Published: 20 May 2024\n\n\
        Negotiators met again on Monday, the mediators said in a statement.";
    both(text, |_, _, meta| {
        assert_eq!(
            published(meta),
            Some((date(2024, 5, 20), DateKind::Published))
        );
    });
}
