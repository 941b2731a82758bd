//! Dependency relations as small ids. The tree's repairs and the coder's rules compare
//! relations millions of times per corpus ("is this child a `case`?"); as strings every test
//! was a length check and a `memcmp`, as ids it is one byte. A relation label is read into an
//! id once per token, when the tree is built.

/// A universal dependency relation, without its subtype (`nsubj` of `nsubj:pass`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Rel {
    Acl,
    Advcl,
    Advmod,
    Amod,
    Appos,
    Aux,
    Case,
    Cc,
    Ccomp,
    Clf,
    Compound,
    Conj,
    Cop,
    Csubj,
    Dep,
    Det,
    Discourse,
    Dislocated,
    Expl,
    Fixed,
    Flat,
    Goeswith,
    Iobj,
    List,
    Mark,
    Nmod,
    Nsubj,
    Nummod,
    Obj,
    Obl,
    Orphan,
    Parataxis,
    Punct,
    Reparandum,
    Root,
    Vocative,
    Xcomp,
    /// A label outside the universal set (no rule names one).
    Other,
}

impl Rel {
    fn parse(name: &str) -> Rel {
        // (the most frequent labels first: a match on strings tests its arms in turn, and
        // this runs for every token of every sentence)
        match name {
            "punct" => Rel::Punct,
            "case" => Rel::Case,
            "det" => Rel::Det,
            "nmod" => Rel::Nmod,
            "nsubj" => Rel::Nsubj,
            "obl" => Rel::Obl,
            "amod" => Rel::Amod,
            "compound" => Rel::Compound,
            "obj" => Rel::Obj,
            "root" => Rel::Root,
            "advmod" => Rel::Advmod,
            "conj" => Rel::Conj,
            "cc" => Rel::Cc,
            "aux" => Rel::Aux,
            "mark" => Rel::Mark,
            "nummod" => Rel::Nummod,
            "flat" => Rel::Flat,
            "ccomp" => Rel::Ccomp,
            "xcomp" => Rel::Xcomp,
            "advcl" => Rel::Advcl,
            "acl" => Rel::Acl,
            "appos" => Rel::Appos,
            "cop" => Rel::Cop,
            "parataxis" => Rel::Parataxis,
            "fixed" => Rel::Fixed,
            "iobj" => Rel::Iobj,
            "expl" => Rel::Expl,
            "csubj" => Rel::Csubj,
            "dep" => Rel::Dep,
            "list" => Rel::List,
            "discourse" => Rel::Discourse,
            "goeswith" => Rel::Goeswith,
            "orphan" => Rel::Orphan,
            "reparandum" => Rel::Reparandum,
            "vocative" => Rel::Vocative,
            "dislocated" => Rel::Dislocated,
            "clf" => Rel::Clf,
            _ => Rel::Other,
        }
    }
}

/// The subtype of a relation (`pass` of `nsubj:pass`): those the rules name, and one id for
/// every other.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Sub {
    None,
    Agent,
    Desc,
    Pass,
    Poss,
    Prt,
    Relcl,
    Unmarked,
    Other,
}

/// A full relation label, subtype included. It equals a bare [`Rel`] only without a subtype
/// (`nsubj:pass` is no `nsubj`), as the label strings compared.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) struct Deprel {
    pub rel: Rel,
    pub sub: Sub,
}

impl Deprel {
    pub const NSUBJ_PASS: Deprel = Deprel::new(Rel::Nsubj, Sub::Pass);
    pub const AUX_PASS: Deprel = Deprel::new(Rel::Aux, Sub::Pass);
    pub const NMOD_POSS: Deprel = Deprel::new(Rel::Nmod, Sub::Poss);
    pub const NMOD_DESC: Deprel = Deprel::new(Rel::Nmod, Sub::Desc);
    pub const COMPOUND_PRT: Deprel = Deprel::new(Rel::Compound, Sub::Prt);
    pub const ACL_RELCL: Deprel = Deprel::new(Rel::Acl, Sub::Relcl);
    pub const OBL_AGENT: Deprel = Deprel::new(Rel::Obl, Sub::Agent);
    pub const OBL_UNMARKED: Deprel = Deprel::new(Rel::Obl, Sub::Unmarked);

    pub const fn new(rel: Rel, sub: Sub) -> Deprel {
        Deprel { rel, sub }
    }

    /// The id of a label as the parser writes it ("nsubj:pass").
    pub fn parse(label: &str) -> Deprel {
        // (most labels have no subtype and are read whole, without looking for a colon: no
        // relation's name has one, so a label with a subtype is read as `Other` first)
        let rel = Rel::parse(label);
        if rel != Rel::Other {
            return Deprel::new(rel, Sub::None);
        }
        // (a byte scan, not `split_once`: labels are a few ASCII letters)
        let Some(colon) = label.bytes().position(|b| b == b':') else {
            return Deprel::new(Rel::Other, Sub::None);
        };
        let (rel, sub) = (&label[..colon], &label[colon + 1..]);
        let sub = match sub {
            "agent" => Sub::Agent,
            "desc" => Sub::Desc,
            "pass" => Sub::Pass,
            "poss" => Sub::Poss,
            "prt" => Sub::Prt,
            "relcl" => Sub::Relcl,
            "unmarked" => Sub::Unmarked,
            _ => Sub::Other,
        };
        Deprel::new(Rel::parse(rel), sub)
    }

    /// The relation when the label has no subtype.
    pub fn plain(self) -> Option<Rel> {
        (self.sub == Sub::None).then_some(self.rel)
    }
}

impl From<Rel> for Deprel {
    fn from(rel: Rel) -> Deprel {
        Deprel::new(rel, Sub::None)
    }
}

impl PartialEq<Rel> for Deprel {
    fn eq(&self, rel: &Rel) -> bool {
        self.sub == Sub::None && self.rel == *rel
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_read_as_their_relation_and_subtype() {
        assert_eq!(Deprel::parse("nsubj:pass"), Deprel::NSUBJ_PASS);
        assert_eq!(Deprel::parse("nsubj"), Rel::Nsubj);
        assert_ne!(Deprel::parse("nsubj:pass"), Rel::Nsubj);
        assert_eq!(Deprel::parse("obl:tmod").rel, Rel::Obl);
        assert_eq!(Deprel::parse("obl:tmod").sub, Sub::Other);
        // (an empty subtype is still a subtype: "nmod:" was never "nmod")
        assert_ne!(Deprel::parse("nmod:"), Rel::Nmod);
        assert_eq!(Deprel::parse("nmodx").rel, Rel::Other);
    }
}
