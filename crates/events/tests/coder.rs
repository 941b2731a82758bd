//! The event coder on short invented sentences, through the whole pipeline (the committed
//! models; nothing is trained here): which words report events of their own, and the codes
//! their parties carry (an entity's actor code, else its country).

mod common;

use common::run;
use tidings_doc::{Doc, Event};

fn codes(doc: &Doc, ids: &[usize]) -> Vec<String> {
    ids.iter()
        .map(|&i| {
            let e = &doc.entities[i];
            e.code
                .clone()
                .or_else(|| e.country.clone())
                .unwrap_or_default()
        })
        .collect()
}

/// The countries of the parties: the first three letters of their codes.
fn countries(doc: &Doc, ids: &[usize]) -> Vec<String> {
    codes(doc, ids)
        .into_iter()
        .map(|c| c.chars().take(3).collect())
        .collect()
}

fn event<'d>(doc: &'d Doc, word: &str) -> &'d Event {
    doc.events
        .iter()
        .find(|e| e.evidence.iter().any(|v| doc.slice(v.trigger) == word))
        .unwrap_or_else(|| panic!("no event on {word:?} in {:#?}", doc.events))
}

/// The event on `word` has actors and recipients whose codes begin with `actors` and
/// `recipients` (the country is what counts).
fn check(text: &str, word: &str, actors: &[&str], recipients: &[&str]) {
    let doc = run(text);
    let e = event(&doc, word);
    let (a, r) = (codes(&doc, &e.actors), codes(&doc, &e.recipients));
    let begins = |got: &[String], want: &[&str]| {
        got.len() == want.len() && got.iter().zip(want).all(|(g, w)| g.starts_with(w))
    };
    assert!(
        begins(&a, actors) && begins(&r, recipients),
        "{text}\n  {word}: {a:?} -> {r:?}, want {actors:?} -> {recipients:?}"
    );
}

#[test]
fn people_named_by_what_they_are_take_the_country_of_the_state_body_facing_them() {
    check(
        "Zambian police arrested Christian protesters on Monday.",
        "arrested",
        &["ZMB"],
        &["ZMB"],
    );
    check(
        "Peruvian troops fired on striking miners on Tuesday.",
        "fired",
        &["PER"],
        &["PER"],
    );
}

#[test]
fn the_participants_of_a_gathering_are_whom_acting_on_it_concerns() {
    check(
        "Bolivian police prevented the demonstration staged by farmers near the parliament on Monday.",
        "prevented",
        &["BOL"],
        &["BOL"],
    );
}

#[test]
fn an_inanimate_cause_of_an_attack_is_coded_by_where_it_happened() {
    check(
        "A car bombing near the city of Mosul killed three Turkish engineers.",
        "killed",
        &["IRQ"],
        &["TUR"],
    );
    check(
        "An explosion in a market in Kabul killed two Pakistani traders.",
        "killed",
        &["AFG"],
        &["PAK"],
    );
}

#[test]
fn others_hurt_beside_the_named_victims_are_of_the_same_people() {
    let doc = run(
        "A car bombing near the city of Mosul killed three Turkish engineers and wounded four others.",
    );
    for e in &doc.events {
        assert!(
            !e.recipients.is_empty(),
            "{:?} has no recipient",
            doc.slice(e.trigger)
        );
    }
}

#[test]
fn a_group_name_without_a_country_beside_a_coded_place_is_no_second_party() {
    check(
        "Kurdish villagers of the Iranian province of Kermanshah threatened to block the highway unless Turkey reopened the border.",
        "threatened",
        &["IRN"],
        &["TUR"],
    );
}

#[test]
fn a_protest_aimed_at_no_one_named_is_aimed_at_home() {
    check(
        "Thousands of Kenyan teachers went on strike on Monday.",
        "went",
        &["KEN"],
        &["KEN"],
    );
}

#[test]
fn insisting_on_demands_that_someone_act_is_a_demand_of_them() {
    let doc = run(
        "Ugandan opposition leaders insisted on their demands that Kenya's government grant the refugees more rights.",
    );
    let e = event(&doc, "insisted");
    assert_eq!(e.kind, "REQUEST", "{:#?}", doc.events);
    let recipients = codes(&doc, &e.recipients);
    assert!(
        recipients.len() == 1 && recipients[0].starts_with("KEN"),
        "{recipients:?}"
    );
}

/// No event of `text` is told by `word`.
fn no_event_on(text: &str, word: &str) {
    let doc = run(text);
    assert!(
        !doc.events
            .iter()
            .any(|e| e.evidence.iter().any(|v| doc.slice(v.trigger) == word)),
        "{text}\n  an event on {word:?}: {:#?}",
        doc.events
    );
}

#[test]
fn what_an_unless_clause_asks_for_is_part_of_the_threat() {
    let text = "Chile will boycott the summit unless Peru agrees to withdraw its troops.";
    no_event_on(text, "agrees");
    no_event_on(text, "withdraw");
}

#[test]
fn a_verb_coordinated_with_a_promise_content_is_promised_too() {
    no_event_on(
        "The Ghanaian president promised to reform the courts and establish the rule of law.",
        "establish",
    );
}

#[test]
fn a_noun_coordinated_with_the_name_of_a_treaty_names_it_too() {
    no_event_on(
        "Ghana and Togo signed a treaty of friendship and cooperation on Monday.",
        "cooperation",
    );
}

#[test]
fn who_speaks_is_described_not_reported() {
    no_event_on(
        "A member of the Ghanaian team trying to broker a peace deal said Kenya will send troops to Somalia.",
        "deal",
    );
}

#[test]
fn what_a_participle_clause_says_on_the_side_is_no_event() {
    no_event_on(
        "Chile rejected the Peruvian proposal, urging Peru to sign the regional accord instead.",
        "sign",
    );
    no_event_on(
        "Chile rejected the Peruvian proposal on Monday, saying it would only meet Peru in Lima.",
        "meet",
    );
}

#[test]
fn a_part_of_a_programme_suspended_is_the_suspension() {
    no_event_on(
        "Kenya suspended part of its military aid program for Somalia on Monday.",
        "program",
    );
}

#[test]
fn whose_ally_a_party_is_does_not_name_it() {
    check(
        "Turkish troops attacked Iran's allies in northern Iraq on Monday.",
        "attacked",
        &["TUR"],
        &["IRQ"],
    );
}

#[test]
fn the_speakers_own_troops_act_for_the_speaker() {
    check(
        "Ethiopia said on Monday its troops had attacked rebel positions in Somalia.",
        "attacked",
        &["ETH"],
        &["SOM"],
    );
}

#[test]
fn a_resignation_concerns_no_one_else() {
    check(
        "The Kenyan finance minister resigned on Monday in Nairobi.",
        "resigned",
        &["KEN"],
        &[],
    );
}

#[test]
fn people_sent_to_do_something_tell_of_what_they_do_there() {
    let doc =
        run("The African Union sent 50 officers to Somalia on Monday to investigate the killings.");
    let e = event(&doc, "investigate");
    assert_eq!(e.kind, "ACCUSE", "{:#?}", doc.events);
    assert!(
        countries(&doc, &e.recipients) == ["SOM"],
        "{:#?}",
        doc.events
    );
    no_event_on(
        "The African Union sent 50 officers to Somalia on Monday to investigate the killings.",
        "sent",
    );
    check(
        "The European Union has dispatched experts to a port in southern Yemen to monitor the ceasefire.",
        "monitor",
        &["IGO"],
        &["YEM"],
    );
}

#[test]
fn a_title_and_the_name_after_it_are_one_party() {
    check(
        "On Tuesday, Ghanaian junior foreign minister Kofi Mensah summoned Togo's ambassador Brah Kodjo to complain of inaction over the raids.",
        "summoned",
        &["GHA"],
        &["TGO"],
    );
}

#[test]
fn an_event_noun_a_purpose_clause_names_is_the_purpose() {
    let text = "Students in Nairobi blocked a highway to show their disapproval of the British military presence.";
    no_event_on(text, "disapproval");
    check(text, "blocked", &["KEN"], &["GBR"]);
}

#[test]
fn rioters_with_no_country_of_their_own_are_of_the_place_they_riot_in() {
    check(
        "Prisoners rioted at a jail in the Kenyan city of Mombasa on Monday.",
        "rioted",
        &["KEN"],
        &["KEN"],
    );
}

#[test]
fn a_conditional_promise_of_help_is_no_threat() {
    let doc = run(
        "Ghana is willing to send equipment to help defend Togo if it is attacked, the Ghanaian foreign minister said.",
    );
    let e = event(&doc, "defend");
    assert_eq!(e.kind, "AGREE", "{:#?}", doc.events);
    assert!(
        countries(&doc, &e.recipients) == ["TGO"],
        "{:#?}",
        doc.events
    );
    no_event_on(
        "Ghana is willing to send equipment to help defend Togo if it is attacked, the Ghanaian foreign minister said.",
        "help",
    );
}

#[test]
fn mobilizing_groups_is_politics_and_mobilizing_troops_is_force() {
    let text =
        "Kenya mobilized pressure groups in Britain to help support the rights of Somali refugees.";
    no_event_on(text, "mobilized");
    check(text, "support", &["KEN"], &["SOM"]);
    let doc = run("Kenya mobilized troops on the Somali border.");
    assert_eq!(
        event(&doc, "mobilized").kind,
        "MOBILIZE",
        "{:#?}",
        doc.events
    );
}

#[test]
fn a_call_for_sanctions_against_a_state_rallies_opposition_against_it() {
    let text = "The Kenyan president called for sanctions against Sudan on Monday.";
    let doc = run(text);
    let e = event(&doc, "called");
    assert_eq!(e.kind, "ACCUSE", "{:#?}", doc.events);
    check(text, "called", &["KEN"], &["SDN"]);
    no_event_on(text, "sanctions");
}

#[test]
fn refugees_are_of_the_place_they_flee() {
    check(
        "The European Union will provide 5,000 tons of food aid to refugees fleeing the fighting in Somalia.",
        "provide",
        &["IGO"],
        &["SOM"],
    );
}

#[test]
fn what_happened_before_an_event_dates_it() {
    no_event_on(
        "Kenya on Sunday lifted a state of emergency in Nairobi that was imposed six months ago after bloody tribal clashes there, the radio reported Sunday.",
        "clashes",
    );
}

#[test]
fn what_a_warning_warns_of_is_its_content() {
    no_event_on(
        "Nairobi's security chief has warned that police will no longer tolerate rallies by the Kenyan opposition.",
        "rallies",
    );
}

#[test]
fn a_trailing_source_parsed_as_a_conjunct_still_only_says_who_speaks() {
    no_event_on(
        "The Kenyan government has accused Somali rebels of violating a month-old ceasefire, a member of the Ugandan team trying to broker a peace pact has said.",
        "pact",
    );
}

#[test]
fn a_rebel_group_named_by_no_country_is_of_the_state_it_faces() {
    check(
        "The main Acholi rebel group insisted on its demands that Uganda's government grant the refugees more rights.",
        "insisted",
        &["UGA"],
        &["UGA"],
    );
    check(
        "Uganda's army attacked the main Acholi rebel group on Monday.",
        "attacked",
        &["UGA"],
        &["UGA"],
    );
}

#[test]
fn what_a_promise_of_cooperation_acts_on_is_no_party() {
    check(
        "Ugandan President Yoweri Museveni promised to democratize Uganda and establish the rule of law as he took office.",
        "promised",
        &["UGA"],
        &[],
    );
}

#[test]
fn whom_an_agreed_cooperation_is_meant_to_help_is_no_party_to_it() {
    check(
        "Senior Kenyan and Ugandan officials agreed on Wednesday that their countries should cooperate to encourage Somali refugees in Kenya to return home.",
        "agreed",
        &["KEN", "UGA"],
        &[],
    );
}

#[test]
fn a_resignation_takes_no_place_from_the_clause_around_it() {
    check(
        "The Kenyan finance minister resigned Sunday as the opposition threatened to storm his office in Nairobi.",
        "resigned",
        &["KEN"],
        &[],
    );
}

#[test]
fn what_a_demand_asks_for_is_part_of_it() {
    no_event_on(
        "The African Water Forum concluded on Saturday that Kenya and other nations must allocate greater financial resources to help with the battle against the regional water crisis.",
        "battle",
    );
}

#[test]
fn a_refusal_despite_pressure_rejects_who_presses() {
    check(
        "The Kenyan minister has refused to resign despite growing pressure from the Ugandan government.",
        "refused",
        &["KEN"],
        &["UGA"],
    );
}

#[test]
fn partners_hung_on_a_date_belong_to_the_verb() {
    check(
        "Ghana's president launched a mediation effort on Saturday between Togo and Benin whose ties have been strained by a border dispute.",
        "launched",
        &["GHA"],
        &["TGO", "BEN"],
    );
}

#[test]
fn an_event_noun_as_the_subject_of_an_event_names_who_does_it() {
    let text = "The first deployment of Kenyan peacekeeping troops have arrived in Somalia, Defense Minister Peter Otieno said.";
    no_event_on(text, "deployment");
    check(text, "arrived", &["KEN"], &["SOM"]);
}

#[test]
fn what_a_party_is_trying_to_do_describes_it() {
    no_event_on(
        "The Kenyan government has accused Somali rebels of violating a month-old ceasefire, a member of the Ugandan team trying to broker a peace pact has said.",
        "broker",
    );
}

#[test]
fn the_agent_of_a_passive_is_a_party_not_an_event() {
    no_event_on(
        "Kenya's prime minister has been indicted by the U.N. war crimes court for his alleged part in atrocities.",
        "war",
    );
}

#[test]
fn a_to_phrase_hung_on_a_month_is_the_verbs() {
    check(
        "The Kenyan parliament agreed to lift embargoes on grain sales in late February to Uganda.",
        "agreed",
        &["KEN"],
        &["UGA"],
    );
}

#[test]
fn leaving_an_international_organization_cuts_relations_and_is_no_journey() {
    let doc = run("Denmark left the European Union in March, the government said.");
    let e = event(&doc, "left");
    assert_eq!(e.kind, "SANCTION", "{:#?}", doc.events);
    assert!(
        e.cameo.as_deref().is_some_and(|c| c.starts_with("16")),
        "{:#?}",
        doc.events
    );
    // Announced, it is the plan itself, not a threat held over the organization.
    let doc = run("Denmark will leave the European Union in March, the government said.");
    assert_eq!(event(&doc, "leave").kind, "SANCTION", "{:#?}", doc.events);
    // Leaving a city, or a meeting of the organization, is still travel.
    let doc = run("The Danish prime minister left Brussels on Thursday.");
    assert_ne!(event(&doc, "left").kind, "SANCTION", "{:#?}", doc.events);
    let doc = run("The Danish prime minister left the European Union summit on Thursday.");
    assert!(
        doc.events.iter().all(|e| e.kind != "SANCTION"),
        "{:#?}",
        doc.events
    );
}

#[test]
fn a_mishap_is_nobodys_act() {
    no_event_on(
        "A gas explosion destroyed a building in Lviv on Sunday.",
        "destroyed",
    );
    no_event_on(
        "A gas explosion destroyed a building in Lviv on Sunday.",
        "explosion",
    );
    no_event_on(
        "Four militants were killed in two accidental explosions in Helmand province on Friday.",
        "killed",
    );
    no_event_on(
        "The device exploded accidentally, killing two men in the car.",
        "killing",
    );
    // The same words with someone acting, or aid sent to a disaster's victims, are events.
    check(
        "A car bomb explosion killed a judge in Lviv on Sunday.",
        "killed",
        &["UKR"],
        &[],
    );
    let doc = run(
        "Japan has sent emergency food aid to flood-hit Pakistan, the broadcaster NHK reported.",
    );
    assert_eq!(event(&doc, "sent").kind, "AID", "{:#?}", doc.events);
}

#[test]
fn blowing_oneself_up_is_a_suicide_bombing() {
    let doc = run("A suicide bomber blew himself up outside a mosque in Lahore, police said.");
    let e = event(&doc, "blew");
    assert_eq!(
        (e.kind.as_str(), e.cameo.as_deref()),
        ("ASSAULT", Some("1831")),
        "{:#?}",
        doc.events
    );
    // Blowing up a thing is destroying it.
    let doc = run("Troops blew up a bridge near Lahore on Monday.");
    assert_eq!(event(&doc, "blew").kind, "COERCE", "{:#?}", doc.events);
}

#[test]
fn firing_a_person_is_a_dismissal_not_a_shooting() {
    no_event_on(
        "The club fired its coach after the defeat in Lisbon.",
        "fired",
    );
    no_event_on("\"It fires me up,\" the player said in Lisbon.", "fires");
    let doc = run("Soldiers fired on protesters in Lisbon on Tuesday.");
    assert_eq!(event(&doc, "fired").kind, "ASSAULT", "{:#?}", doc.events);
}

#[test]
fn calling_in_help_is_an_appeal_not_a_telephone_call() {
    let doc = run(
        "Portuguese troops called in air support after being surrounded by rebels near Lisbon.",
    );
    let e = event(&doc, "called");
    assert_eq!(
        (e.kind.as_str(), e.cameo.as_deref()),
        ("REQUEST", Some("0232")),
        "{:#?}",
        doc.events
    );
    let doc = run("The Portuguese president called the Spanish prime minister on Monday.");
    assert_eq!(event(&doc, "called").kind, "CONSULT", "{:#?}", doc.events);
}

#[test]
fn facing_charges_is_no_meeting_and_calling_in_an_envoy_a_protest() {
    no_event_on(
        "The former mayor faces one criminal count of fraud in Porto.",
        "faces",
    );
    no_event_on(
        "Protesters in Porto can face lengthy prison sentences.",
        "face",
    );
    let doc = run("The Portuguese Foreign Ministry called in the Spanish ambassador on Tuesday.");
    let e = event(&doc, "called");
    assert_eq!(
        (e.kind.as_str(), e.cameo.as_deref()),
        ("ACCUSE", Some("111")),
        "{:#?}",
        doc.events
    );
}

#[test]
fn leading_a_mission_is_a_role_and_leading_a_delegation_somewhere_a_visit() {
    no_event_on("Portugal leads the UN mission in Mali.", "leads");
    no_event_on(
        "Spain will lead a coalition against the rebels in Mali.",
        "lead",
    );
    no_event_on(
        "A Portuguese colonel led the rescue operation near Porto.",
        "led",
    );
    let doc = run("The Portuguese foreign minister led a delegation to Madrid on Monday.");
    let e = event(&doc, "led");
    assert_eq!(
        (e.kind.as_str(), e.cameo.as_deref()),
        ("CONSULT", Some("042")),
        "{:#?}",
        doc.events
    );
    let doc = run("The Portuguese economy minister led a trade mission to Brazil.");
    assert_eq!(
        event(&doc, "led").cameo.as_deref(),
        Some("042"),
        "{:#?}",
        doc.events
    );
}

#[test]
fn a_particle_taken_for_a_preposition_still_makes_the_phrasal_verb() {
    // "in the ambassador" is no place, and "in" the particle however far from the verb.
    for text in [
        "The Portuguese Foreign Ministry called in the Spanish ambassador on Tuesday.",
        "The Portuguese Foreign Ministry called the Spanish ambassador in on Tuesday.",
    ] {
        let doc = run(text);
        let e = event(&doc, "called");
        assert_eq!(e.cameo.as_deref(), Some("111"), "{text}: {:#?}", doc.events);
        assert_eq!(e.location, None, "{text}: {:#?}", doc.events);
    }
    // A purpose clause after the envoy leaves the particle a particle.
    let text =
        "The Portuguese Foreign Ministry called in the Spanish ambassador to explain the remarks.";
    let doc = run(text);
    let e = event(&doc, "called");
    assert_eq!(e.cameo.as_deref(), Some("111"), "{text}: {:#?}", doc.events);
    assert_eq!(e.location, None, "{text}: {:#?}", doc.events);
    // What one speaks in is no one called in.
    let doc = run("The Portuguese minister called in a statement for calm in Lisbon.");
    assert_eq!(event(&doc, "called").kind, "REQUEST", "{:#?}", doc.events);
    // Nor is a fixed phrase: "in response" is how, not whom.
    let doc = run("The Portuguese Foreign Ministry called in response to the Spanish remarks.");
    assert!(
        doc.events.iter().all(|e| e.cameo.as_deref() != Some("040")),
        "{:#?}",
        doc.events
    );
    // Handing over a suspect is judicial cooperation, prisoners a release.
    let doc = run("Portugal handed over two suspects to Spain on Monday.");
    assert_eq!(
        event(&doc, "handed").cameo.as_deref(),
        Some("063"),
        "{:#?}",
        doc.events
    );
    let doc = run("Rebels handed the prisoners over to the Red Cross near Porto.");
    assert_eq!(event(&doc, "handed").kind, "RETREAT", "{:#?}", doc.events);
    // Rounding up people is arresting them.
    let doc = run("Portuguese police rounded up dozens of protesters in Lisbon.");
    assert_eq!(
        event(&doc, "rounded").cameo.as_deref(),
        Some("173"),
        "{:#?}",
        doc.events
    );
}

#[test]
fn thinking_or_considering_is_no_consultation() {
    no_event_on(
        "\"I thought it was a car crash,\" said Maria Costa, a student in Porto.",
        "thought",
    );
    no_event_on(
        "Portugal is considering the Spanish proposal.",
        "considering",
    );
    // What is considered may still be an event of its own.
    let doc = run("Portugal is considering talks with Spain.");
    assert_eq!(event(&doc, "talks").kind, "CONSULT", "{:#?}", doc.events);
}

#[test]
fn hosting_a_match_is_no_visit() {
    no_event_on(
        "Porto will host the semi-finals of the tournament in July.",
        "host",
    );
    let doc = run("The Portuguese president hosted the Spanish king in Lisbon.");
    assert_eq!(
        event(&doc, "hosted").cameo.as_deref(),
        Some("043"),
        "{:#?}",
        doc.events
    );
}

#[test]
fn dying_of_a_disease_is_nobodys_act() {
    no_event_on(
        "Health officials in Porto said eight people died of an unknown disease.",
        "died",
    );
    let doc = run("Three Portuguese soldiers died in clashes with rebels near Porto.");
    assert_eq!(event(&doc, "died").kind, "ASSAULT", "{:#?}", doc.events);
}

#[test]
fn taking_a_toll_or_an_order_seizes_nothing() {
    no_event_on(
        "The war in Mali took another heavy toll on Portuguese troops this week.",
        "took",
    );
    no_event_on(
        "Maria Costa testified that she took a phone order from a caller in Porto.",
        "took",
    );
    let doc = run("Rebels took control of the Portuguese town of Braga on Monday.");
    assert_eq!(event(&doc, "took").kind, "COERCE", "{:#?}", doc.events);
}
