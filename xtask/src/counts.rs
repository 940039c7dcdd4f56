//! Reading test totals from the runners' output: cargo's `test result:` lines and the
//! `# pass` / `# fail` lines of Node's TAP reporter.

/// Passed and failed test counts.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Counts {
    /// Tests that passed.
    pub(crate) passed: u32,
    /// Tests that failed (Node's cancelled tests count as failed).
    pub(crate) failed: u32,
}

impl Counts {
    /// Adds the totals of a cargo line such as
    /// `test result: ok. 12 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out`.
    pub(crate) fn add_cargo_line(&mut self, line: &str) {
        let Some(rest) = line.strip_prefix("test result: ") else {
            return;
        };
        for part in rest.split(';') {
            if let [.., number, kind] = part.split_whitespace().collect::<Vec<_>>().as_slice() {
                self.add(kind, number);
            }
        }
    }

    /// Adds the totals of a TAP summary line such as `# pass 4` or `# fail 1`.
    pub(crate) fn add_tap_line(&mut self, line: &str) {
        if let ["#", kind @ ("pass" | "fail" | "cancelled"), number] =
            line.split_whitespace().collect::<Vec<_>>().as_slice()
        {
            self.add(kind, number);
        }
    }

    fn add(&mut self, kind: &str, number: &str) {
        let Ok(number) = number.parse::<u32>() else {
            return;
        };
        match kind {
            "passed" | "pass" => self.passed += number,
            "failed" | "fail" | "cancelled" => self.failed += number,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Counts;

    #[test]
    fn cargo_lines_add_up() {
        let mut counts = Counts::default();
        counts.add_cargo_line("test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured");
        counts.add_cargo_line("test result: FAILED. 3 passed; 2 failed; 0 ignored; 0 measured");
        counts.add_cargo_line("test foo ... ok");
        assert_eq!(counts, Counts { passed: 15, failed: 2 });
    }

    #[test]
    fn tap_lines_add_up_and_cancelled_counts_as_failed() {
        let mut counts = Counts::default();
        for line in
            ["# tests 7", "# pass 4", "# fail 1", "# cancelled 2", "# skipped 0", "ok 1 - x"]
        {
            counts.add_tap_line(line);
        }
        assert_eq!(counts, Counts { passed: 4, failed: 3 });
    }
}
