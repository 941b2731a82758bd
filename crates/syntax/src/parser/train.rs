//! Training the parser: the class set from the training arcs, jackknifed training tags, and
//! epochs of the dynamic oracle with exploration.

use super::classes::{is_right_arc, Classes, ANY_LABEL};
use super::state::{Move, State, N_FEATS};
use super::{joint_name, tag_names, Parser, ParserOptions};
use crate::lex::{Lex, Rng};
use crate::linear::Perceptron;
use crate::tagger::{TagId, Tagger};
use crate::{Progress, SyntaxError};
use std::collections::HashMap;
use std::time::Instant;
use tidings_corpus::conllu::Sentence;

impl Parser {
    /// Trains a parser on `train`, with tags from `tagger` at dev time and from jackknifed
    /// taggers (or gold) at training time, reporting dev scores after every epoch.
    pub fn train(
        train: &[Sentence],
        dev: &[Sentence],
        tagger: &Tagger,
        options: &ParserOptions,
        progress: Progress,
    ) -> Result<Parser, SyntaxError> {
        crate::refuse_empty(train)?;
        let started = Instant::now();
        let tags = tag_names(tagger);
        let tag_index: HashMap<&str, TagId> = tags
            .iter()
            .enumerate()
            .map(|(i, t)| (t.as_str(), i as TagId))
            .collect();
        let mut labels: Vec<String> = Vec::new();
        let mut label_index: HashMap<String, u16> = HashMap::new();
        for w in train.iter().flat_map(|s| &s.words) {
            label_index.entry(w.deprel.clone()).or_insert_with(|| {
                labels.push(w.deprel.clone());
                (labels.len() - 1) as u16
            });
        }
        let root_label = most_frequent(
            train
                .iter()
                .flat_map(|s| &s.words)
                .filter(|w| w.head == 0)
                .map(|w| label_index[&w.deprel]),
        )
        .unwrap_or(0);

        let lexes: Vec<Vec<Lex>> = train
            .iter()
            .map(|s| s.words.iter().map(|w| tagger.lex(&w.form)).collect())
            .collect();
        let train_tags = training_tags(train, &lexes, tagger, &tag_index, options, progress)?;
        let mut fallback_label = vec![root_label; tags.len()];
        for (t, slot) in fallback_label.iter_mut().enumerate() {
            let of_tag = train
                .iter()
                .zip(&train_tags)
                .flat_map(|(s, ts)| s.words.iter().zip(ts))
                .filter(|(_, &x)| x as usize == t);
            if let Some(l) = most_frequent(
                of_tag
                    .map(|(w, _)| label_index[&w.deprel])
                    .filter(|&l| l != root_label),
            ) {
                *slot = l;
            }
        }
        // Gold arcs as (is a RIGHT-ARC, label).
        let arcs = || {
            train.iter().flat_map(|s| {
                s.words
                    .iter()
                    .enumerate()
                    .map(|(i, w)| (is_right_arc(i, w.head), label_index[&w.deprel]))
            })
        };
        let classes = Classes::choose(arcs(), root_label, options.max_classes);
        // The label each gold arc is trained toward, by direction and gold label.
        let target: Vec<[u16; 2]> = (0..labels.len() as u16)
            .map(|l| [false, true].map(|right| classes.target(right, l, &labels)))
            .collect();
        let gold: Vec<(Vec<u32>, Vec<u16>)> = train
            .iter()
            .map(|s| {
                let heads = std::iter::once(0)
                    .chain(s.words.iter().map(|w| w.head as u32))
                    .collect();
                let labels = std::iter::once(0)
                    .chain(s.words.iter().enumerate().map(|(i, w)| {
                        target[label_index[&w.deprel] as usize][is_right_arc(i, w.head) as usize]
                    }))
                    .collect();
                (heads, labels)
            })
            .collect();
        // Whether predicting label `l` for an arc whose target is `gold` is a mistake.
        let wrong = |l: u16, gold: u16| l != gold && gold != ANY_LABEL;

        let n_classes = classes.len();
        let mut model = Perceptron::new(n_classes);
        let mut parser = Parser {
            tags,
            labels,
            root_label,
            fallback_label,
            classes,
            weights: model.freeze(1),
        };
        let mut rng = Rng::new(options.seed);
        let mut order: Vec<usize> = (0..train.len()).collect();
        let mut st = State::default();
        let mut scores = vec![0f32; n_classes];
        let mut costs = vec![0u32; n_classes];
        let mut feats = [0u64; N_FEATS];
        for epoch in 1..=options.epochs {
            rng.shuffle(&mut order);
            let (mut right, mut moves) = (0usize, 0usize);
            for &si in &order {
                let (gh, gl) = &gold[si];
                st.reset(lexes[si].len());
                while !st.terminal() {
                    let allowed = st.allowed();
                    let base = st.costs(gh);
                    let (s, b) = (st.stack.last().map_or(0, |&s| s as usize), st.b);
                    let mut min = u32::MAX;
                    for (c, cost) in costs.iter_mut().enumerate() {
                        let mv = parser.classes.get(c);
                        *cost = if !st.valid(&allowed, mv, root_label) {
                            u32::MAX
                        } else {
                            match mv {
                                Move::Shift => base[0],
                                Move::Reduce => base[1],
                                Move::Left(l) => {
                                    base[2] + (gh[s] as usize == b && wrong(l, gl[s])) as u32
                                }
                                Move::Right(l) => {
                                    base[3] + (gh[b] as usize == s && wrong(l, gl[b])) as u32
                                }
                            }
                        };
                        min = min.min(*cost);
                    }
                    st.features(&lexes[si], &train_tags[si], &mut feats);
                    model.score(&feats, &mut scores);
                    let (mut guess, mut best) = (usize::MAX, usize::MAX);
                    for c in 0..n_classes {
                        if costs[c] == u32::MAX {
                            continue;
                        }
                        if guess == usize::MAX || scores[c] > scores[guess] {
                            guess = c;
                        }
                        if costs[c] == min && (best == usize::MAX || scores[c] > scores[best]) {
                            best = c;
                        }
                    }
                    moves += 1;
                    let next = if costs[guess] == min {
                        right += 1;
                        guess
                    } else {
                        model.update(&feats, best, guess);
                        if epoch > 1 && rng.next_f64() < options.explore {
                            guess
                        } else {
                            best
                        }
                    };
                    model.tick();
                    st.apply(parser.classes.get(next));
                }
            }
            parser.weights = model.freeze(options.min_weight);
            let (uas, las) = parser.attachment(tagger, dev);
            progress(&format!(
                "parser epoch {epoch}/{}: train moves {:.2}% optimal, dev UAS {:.2} LAS {:.2} (predicted tags), {:.0}s",
                options.epochs,
                100.0 * right as f64 / moves.max(1) as f64,
                100.0 * uas,
                100.0 * las,
                started.elapsed().as_secs_f64()
            ));
        }
        Ok(parser)
    }
}

/// The most frequent value, ties to the smallest, `None` for no values.
fn most_frequent(values: impl Iterator<Item = u16>) -> Option<u16> {
    let mut counts: HashMap<u16, usize> = HashMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(v, n)| (n, std::cmp::Reverse(v)))
        .map(|(v, _)| v)
}

/// The tags the parser trains on: from jackknifed taggers (each fold tagged by a tagger trained
/// on the other folds) or, with fewer than two folds, gold tags.
fn training_tags(
    train: &[Sentence],
    lexes: &[Vec<Lex>],
    tagger: &Tagger,
    tag_index: &HashMap<&str, TagId>,
    options: &ParserOptions,
    progress: Progress,
) -> Result<Vec<Vec<TagId>>, SyntaxError> {
    let gold: Vec<Vec<TagId>> = train
        .iter()
        .zip(lexes)
        .map(|(s, lex)| {
            let mut predicted = Vec::new();
            tagger.tag_lex(lex, &mut predicted);
            s.words
                .iter()
                .zip(predicted)
                .map(|(w, p)| {
                    *tag_index
                        .get(joint_name(&w.upos, &w.xpos).as_str())
                        .unwrap_or(&p)
                })
                .collect()
        })
        .collect();
    let k = options.jackknife;
    if k < 2 || train.len() < k {
        return Ok(gold);
    }
    let mut out = gold;
    for fold in 0..k {
        let held: Vec<usize> = (0..train.len()).filter(|i| i % k == fold).collect();
        let rest: Vec<Sentence> = (0..train.len())
            .filter(|i| i % k != fold)
            .map(|i| train[i].clone())
            .collect();
        let fold_tagger =
            Tagger::train(&rest, &[], &options.tagger, tagger.clusters(), &mut |_| {})?;
        // Fold taggers number their tags in their own order: map through the names.
        let map: Vec<Option<TagId>> = (0..fold_tagger.n_tags())
            .map(|t| {
                tag_index
                    .get(
                        joint_name(fold_tagger.upos(t as TagId), fold_tagger.xpos(t as TagId))
                            .as_str(),
                    )
                    .copied()
            })
            .collect();
        let mut tags = Vec::new();
        let (mut right, mut total) = (0usize, 0usize);
        for &i in &held {
            let lex: Vec<Lex> = train[i]
                .words
                .iter()
                .map(|w| fold_tagger.lex(&w.form))
                .collect();
            fold_tagger.tag_lex(&lex, &mut tags);
            for (slot, &t) in out[i].iter_mut().zip(&tags) {
                if let Some(mapped) = map[t as usize] {
                    right += (*slot == mapped) as usize;
                    *slot = mapped;
                }
                total += 1;
            }
        }
        progress(&format!(
            "jackknife fold {}/{k}: tagger accuracy on the held-out fold {:.2}",
            fold + 1,
            100.0 * right as f64 / total.max(1) as f64
        ));
    }
    Ok(out)
}
