//! The event coder on short invented sentences, through the whole pipeline (the committed
//! models; nothing is trained here): which words report events of their own, and the codes
//! their parties carry (an entity's actor code, else its country).

mod common;

use common::{event, no_event_on, run};
use tidings_doc::Doc;

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
fn the_dateline_after_a_headline_names_no_party() {
    // A dateline opens the article's text, which comes after its headline: "GOMA, Congo" is
    // where the story was filed, not who struck.
    check(
        "Rebels Storm Army Base in Northern Town\n\nPhoto GOMA, Congo -- Rebel insurgents \
         struck at an army base in the northern town of Rutshuru late Thursday night, killing \
         at least two soldiers, officials said.",
        "struck",
        &[],
        &["COD"],
    );
}
