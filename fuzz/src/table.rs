//! Brand tables changed at run time: specs built from fuzz data, then every table operation,
//! then the number checks over the changed table.

use crate::card::{self, readable_brand};
use arbitrary::Arbitrary;
use omnigate_card::{Brand, BrandError, BrandSpec, BrandTable, BrandUpdate, PatternSpec};

/// Operations applied in order; checked after each one. The length is capped so that one input
/// stays fast to run.
const MAX_OPERATIONS: usize = 32;

/// One fuzz input: a starting table and what is done to it.
#[derive(Arbitrary, Debug)]
pub struct Script {
    start: Start,
    operations: Vec<Operation>,
    /// Checked over the final table.
    numbers: Vec<String>,
}

#[derive(Arbitrary, Debug)]
enum Start {
    Standard,
    CreditCardType,
    Empty,
}

#[derive(Arbitrary, Debug)]
enum Operation {
    Add(Spec),
    Replace(Spec),
    Update(Id, Update),
    Remove(Id),
    ChangeOrder(Id, usize),
    /// Checks a number that starts inside a pattern of an active brand.
    Number {
        brand: u8,
        pattern: u8,
        upper: bool,
        rest: String,
    },
}

/// A brand id: one of the table's (by index, so that operations find brands) or any text.
#[derive(Arbitrary, Debug)]
enum Id {
    Active(u8),
    Text(String),
}

impl Id {
    fn resolve(&self, table: &BrandTable) -> String {
        match self {
            Self::Active(index) if !table.is_empty() => {
                let index = usize::from(*index) % table.len();
                table.iter().nth(index).map(|b| b.id().to_owned()).unwrap_or_default()
            }
            Self::Active(_) => String::new(),
            Self::Text(text) => text.clone(),
        }
    }
}

/// Brand data in ranges that reach both sides of each rule (lengths 0–20 against 1–19...).
#[derive(Arbitrary, Debug)]
struct Spec {
    id: Id,
    name: String,
    /// `None` keeps `BrandSpec::new`'s code derived from the id.
    gateway_brand: Option<String>,
    patterns: Vec<Pattern>,
    lengths: Vec<u8>,
    gaps: Vec<u8>,
    code_name: String,
    code_size: u8,
    luhn: bool,
}

#[derive(Arbitrary, Debug)]
enum Pattern {
    Prefix(u64),
    /// Bounds written with the same number of digits; the minimum may be above the maximum.
    Range(u64, u64),
    Text(String, Option<String>),
}

impl Pattern {
    fn spec(&self) -> PatternSpec {
        match self {
            Self::Prefix(prefix) => PatternSpec::Prefix(prefix.to_string()),
            Self::Range(min, max) => {
                let width = min.to_string().len().max(max.to_string().len());
                PatternSpec::Range(format!("{min:0width$}"), format!("{max:0width$}"))
            }
            Self::Text(prefix, None) => PatternSpec::Prefix(prefix.clone()),
            Self::Text(min, Some(max)) => PatternSpec::Range(min.clone(), max.clone()),
        }
    }
}

impl Spec {
    fn build(&self, table: &BrandTable) -> BrandSpec {
        let mut spec = BrandSpec::new(self.id.resolve(table), self.name.clone());
        if let Some(code) = &self.gateway_brand {
            spec.gateway_brand.clone_from(code);
        }
        spec.patterns = self.patterns.iter().map(Pattern::spec).collect();
        spec.lengths = self.lengths.iter().map(|l| l % 21).collect();
        spec.gaps = self.gaps.iter().map(|g| g % 20).collect();
        spec.security_code_name.clone_from(&self.code_name);
        spec.security_code_size = self.code_size % 10;
        spec.luhn = self.luhn;
        spec
    }
}

#[derive(Arbitrary, Debug)]
struct Update {
    id: Option<Id>,
    name: Option<String>,
    gateway_brand: Option<String>,
    patterns: Option<Vec<Pattern>>,
    lengths: Option<Vec<u8>>,
    gaps: Option<Vec<u8>>,
    security_code: Option<(String, u8)>,
    luhn: Option<bool>,
}

impl Update {
    fn build(&self, table: &BrandTable) -> BrandUpdate {
        BrandUpdate {
            id: self.id.as_ref().map(|id| id.resolve(table)),
            name: self.name.clone(),
            gateway_brand: self.gateway_brand.clone(),
            patterns: self.patterns.as_ref().map(|p| p.iter().map(Pattern::spec).collect()),
            lengths: self.lengths.as_ref().map(|l| l.iter().map(|l| l % 21).collect()),
            gaps: self.gaps.as_ref().map(|g| g.iter().map(|g| g % 20).collect()),
            security_code: self.security_code.as_ref().map(|(n, size)| (n.clone(), size % 10)),
            luhn: self.luhn,
        }
    }
}

/// Runs the script, checking every step.
pub fn run(script: &Script) {
    let mut table = match script.start {
        Start::Standard => BrandTable::standard(),
        Start::CreditCardType => BrandTable::credit_card_type(),
        Start::Empty => BrandTable::empty(),
    };
    for operation in script.operations.iter().take(MAX_OPERATIONS) {
        let before = table.clone();
        if let Err(error) = apply(&mut table, operation) {
            readable_brand(&error);
            // A refused change leaves the table exactly as it was.
            assert_eq!(table, before, "{operation:?}");
        }
    }
    for number in &script.numbers {
        numbers(number, &table);
    }
}

fn apply(table: &mut BrandTable, operation: &Operation) -> Result<(), BrandError> {
    match operation {
        Operation::Add(spec) => {
            let brand = built(spec.build(table))?;
            let duplicate = table.get(brand.id()).is_some();
            let result = table.add(brand.clone());
            assert_eq!(result.is_err(), duplicate, "{}", brand.id());
            result?;
            assert_eq!(table.iter().last(), Some(&brand));
        }
        Operation::Replace(spec) => {
            let brand = built(spec.build(table))?;
            let slot = table.iter().position(|b| b.id() == brand.id());
            table.replace(brand.clone())?;
            assert!(slot.is_some(), "only an active brand is replaced: {}", brand.id());
            assert_eq!(table.iter().position(|b| b == &brand), slot);
        }
        Operation::Update(id, update) => {
            let id = id.resolve(table);
            let update = update.build(table);
            let active = table.get(&id).is_some();
            let name = update.name.clone();
            table.update(&id, update)?;
            assert_eq!(table.get(&id).is_some(), active, "a removed brand stays removed");
            let brand = table.lookup(&id).expect("an updated brand is in the table");
            assert!(name.is_none_or(|name| name == brand.name()));
            rebuilds(brand);
        }
        Operation::Remove(id) => {
            let id = id.resolve(table);
            let count = table.len();
            let active = table.get(&id).cloned();
            table.remove(&id)?;
            assert!(active.is_some(), "only an active brand is removed: {id:?}");
            assert_eq!(table.len() + 1, count);
            assert!(table.get(&id).is_none() && table.lookup(&id) == active.as_ref());
        }
        Operation::ChangeOrder(id, position) => {
            let id = id.resolve(table);
            table.change_order(&id, *position)?;
            let now = table.iter().position(|b| b.id() == id);
            assert_eq!(now, Some((*position).min(table.len() - 1)), "{id:?}");
        }
        Operation::Number { brand, pattern, upper, rest } => {
            if let Some(number) = inside_pattern(table, *brand, *pattern, *upper, rest) {
                numbers(&number, table);
            }
        }
    }
    Ok(())
}

/// Builds a spec; a brand that builds gives back its spec and builds again to itself.
fn built(spec: BrandSpec) -> Result<Brand, BrandError> {
    let brand = Brand::try_from(spec.clone())?;
    assert_eq!(brand.to_spec(), spec);
    rebuilds(&brand);
    Ok(brand)
}

fn rebuilds(brand: &Brand) {
    assert_eq!(brand.to_spec().build().as_ref(), Ok(brand));
}

/// A number made of a brand's pattern start (a prefix, or a range's minimum or maximum) and the
/// digits of `rest`, so that numbers reach the brands the script made.
fn inside_pattern(
    table: &BrandTable,
    brand: u8,
    pattern: u8,
    upper: bool,
    rest: &str,
) -> Option<String> {
    let brand = table.iter().nth(usize::from(brand) % table.len().max(1))?;
    let pattern = brand.patterns().get(usize::from(pattern) % brand.patterns().len())?;
    let bound = if upper { pattern.max() } else { pattern.min() };
    let start = format!("{bound:0width$}", width = pattern.len());
    Some(start.chars().chain(rest.chars().filter(char::is_ascii_digit)).collect())
}

/// The number checks over a changed table, and formatting with its custom gaps.
fn numbers(number: &str, table: &BrandTable) {
    // Custom ids may hold digits, so only the masked `Display` is searched for the number.
    card::number(number, table, false);
    card::formatting(number, table);
}
