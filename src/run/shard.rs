//! Sharding: splitting every phase's index space into N disjoint contiguous ranges, with the shard
//! read from a flag or from the job engine running us (Kubernetes Indexed Jobs, AWS Batch array
//! jobs, Slurm job arrays).

use crate::output::model::PhaseRange;

/// Why no shard could be read from a flag or the environment.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShardError {
    #[error("`{0}` is not a shard; write K/N, e.g. 0/8 for the first of eight")]
    NotAShard(String),
    #[error("shard index `{0}` is not a number")]
    IndexNotANumber(String),
    #[error("shard count `{0}` is not a number")]
    CountNotANumber(String),
    #[error("shard {index}/{count} is out of range: K must be in 0..N")]
    OutOfRange { index: u64, count: u64 },
    #[error("environment variable {name}=`{value}` is not a number")]
    EnvNotANumber { name: String, value: String },
    #[error("{engine} gives the shard index but not the count: set {count_var} or pass --shard K/N")]
    CountMissing { engine: &'static str, count_var: &'static str },
    #[error("SLURM_ARRAY_TASK_ID={id} is not a task of the array {min}-:{step}")]
    NotAnArrayTask { id: u64, min: u64, step: u64 },
}

/// This process is shard `index` of `count` (0-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Shard {
    /// Parses `K/N` (0 <= K < N).
    pub fn parse(s: &str) -> Result<Shard, ShardError> {
        let (k, n) = s.split_once('/').ok_or_else(|| ShardError::NotAShard(s.to_string()))?;
        let index: u64 = k.trim().parse().map_err(|_| ShardError::IndexNotANumber(k.to_string()))?;
        let count: u64 = n.trim().parse().map_err(|_| ShardError::CountNotANumber(n.to_string()))?;
        if count == 0 || index >= count {
            return Err(ShardError::OutOfRange { index, count });
        }
        Ok(Shard { index, count })
    }

    /// The shard given by a job engine's environment, if any: Kubernetes
    /// (`JOB_COMPLETION_INDEX`), AWS Batch (`AWS_BATCH_JOB_ARRAY_INDEX`, `AWS_BATCH_JOB_ARRAY_SIZE`),
    /// Slurm (`SLURM_ARRAY_TASK_ID`, offset by `SLURM_ARRAY_TASK_MIN` and divided by
    /// `SLURM_ARRAY_TASK_STEP`, count `SLURM_ARRAY_TASK_COUNT`). A fixed count from `count_hint`
    /// (`--shard-count`) or `VECRUN_SHARD_COUNT` wins over the engine's: resubmitting one task of a
    /// Slurm array (`sbatch --array=3`) makes Slurm say the array has one task.
    pub fn from_env(env: &dyn Fn(&str) -> Option<String>, count_hint: Option<u64>) -> Result<Option<(Shard, &'static str)>, ShardError> {
        let num = |name: &str| -> Result<Option<u64>, ShardError> {
            match env(name) {
                None => Ok(None),
                Some(v) => v.trim().parse().map(Some).map_err(|_| ShardError::EnvNotANumber { name: name.to_string(), value: v }),
            }
        };
        let make = |index: u64,
                    count: Option<u64>,
                    engine: &'static str,
                    count_var: &'static str|
         -> Result<Option<(Shard, &'static str)>, ShardError> {
            let count = count.ok_or(ShardError::CountMissing { engine, count_var })?;
            if count == 0 || index >= count {
                return Err(ShardError::OutOfRange { index, count });
            }
            Ok(Some((Shard { index, count }, engine)))
        };
        let fixed = match count_hint {
            Some(n) => Some(n),
            None => num("VECRUN_SHARD_COUNT")?,
        };
        if let Some(i) = num("AWS_BATCH_JOB_ARRAY_INDEX")? {
            return make(i, fixed.or(num("AWS_BATCH_JOB_ARRAY_SIZE")?), "AWS Batch", "AWS_BATCH_JOB_ARRAY_SIZE");
        }
        if let Some(i) = num("SLURM_ARRAY_TASK_ID")? {
            let step = num("SLURM_ARRAY_TASK_STEP")?.unwrap_or(1).max(1);
            // With a fixed count the array is numbered from 0 (`--array=0-N`): the task id alone
            // names the shard, so a task resubmitted alone (its array then starts at its own id)
            // keeps its shard. Without one, the array is whatever Slurm says it is.
            let min = if fixed.is_some() { 0 } else { num("SLURM_ARRAY_TASK_MIN")?.unwrap_or(0) };
            if i < min || (i - min) % step != 0 {
                return Err(ShardError::NotAnArrayTask { id: i, min, step });
            }
            let count = fixed.or(num("SLURM_ARRAY_TASK_COUNT")?);
            return make((i - min) / step, count, "Slurm", "SLURM_ARRAY_TASK_COUNT (or --shard-count / VECRUN_SHARD_COUNT)");
        }
        if let Some(i) = num("JOB_COMPLETION_INDEX")? {
            return make(i, fixed, "Kubernetes", "VECRUN_SHARD_COUNT (or --shard-count)");
        }
        Ok(None)
    }

    /// This shard's part of `[start, end)`: contiguous, disjoint across shards, covering it all.
    pub fn split(&self, start: u64, end: u64) -> (u64, u64) {
        let len = (end - start) as u128;
        let a = start + (len * self.index as u128 / self.count as u128) as u64;
        let b = start + (len * (self.index + 1) as u128 / self.count as u128) as u64;
        (a, b)
    }

    /// This shard's part of every range.
    pub fn ranges(&self, ranges: &[PhaseRange]) -> Vec<PhaseRange> {
        ranges
            .iter()
            .map(|r| {
                let (start, end) = self.split(r.start, r.end);
                PhaseRange { phase: r.phase, start, end }
            })
            .collect()
    }

    /// `shard-K-of-N`.
    pub fn label(&self) -> String {
        format!("shard-{}-of-{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::Phase;

    #[test]
    fn shards_cover_the_range_without_gaps_or_overlap() {
        for n in [1u64, 2, 3, 7, 64] {
            for (start, end) in [(0u64, 0u64), (0, 1), (5, 1000), (0, u64::MAX), (u64::MAX - 10, u64::MAX)] {
                let mut at = start;
                for k in 0..n {
                    let (a, b) = Shard { index: k, count: n }.split(start, end);
                    assert_eq!(a, at, "shard {k}/{n} of {start}..{end} starts where the previous ended");
                    assert!(b >= a);
                    at = b;
                }
                assert_eq!(at, end);
            }
        }
        let r = Shard { index: 1, count: 2 }.ranges(&[PhaseRange { phase: Phase::Edge, start: 0, end: 10 }]);
        assert_eq!(r[0].start, 5);
    }

    #[test]
    fn parse_and_environment() {
        assert_eq!(Shard::parse("2/8"), Ok(Shard { index: 2, count: 8 }));
        assert!(Shard::parse("8/8").is_err());
        assert!(Shard::parse("x").is_err());
        let env =
            |vars: &'static [(&'static str, &'static str)]| move |k: &str| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string());
        let aws = env(&[("AWS_BATCH_JOB_ARRAY_INDEX", "3"), ("AWS_BATCH_JOB_ARRAY_SIZE", "10")]);
        assert_eq!(Shard::from_env(&aws, None).unwrap(), Some((Shard { index: 3, count: 10 }, "AWS Batch")));
        let slurm = env(&[("SLURM_ARRAY_TASK_ID", "5"), ("SLURM_ARRAY_TASK_MIN", "1"), ("SLURM_ARRAY_TASK_COUNT", "8")]);
        assert_eq!(Shard::from_env(&slurm, None).unwrap(), Some((Shard { index: 4, count: 8 }, "Slurm")));
        let k8s = env(&[("JOB_COMPLETION_INDEX", "0")]);
        assert!(Shard::from_env(&k8s, None).is_err(), "Kubernetes needs the count");
        assert_eq!(Shard::from_env(&k8s, Some(4)).unwrap(), Some((Shard { index: 0, count: 4 }, "Kubernetes")));
        let none = env(&[]);
        assert_eq!(Shard::from_env(&none, None).unwrap(), None);
        // Resubmitting task 3 alone: Slurm says the array has one task; the fixed count wins.
        let resubmitted = env(&[("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_MIN", "3"), ("SLURM_ARRAY_TASK_COUNT", "1")]);
        assert_eq!(Shard::from_env(&resubmitted, Some(4)).unwrap(), Some((Shard { index: 3, count: 4 }, "Slurm")));
        let resubmitted_env = env(&[("SLURM_ARRAY_TASK_ID", "3"), ("SLURM_ARRAY_TASK_COUNT", "1"), ("VECRUN_SHARD_COUNT", "4")]);
        assert_eq!(Shard::from_env(&resubmitted_env, None).unwrap(), Some((Shard { index: 3, count: 4 }, "Slurm")));
        // A stepped array `--array=0-6:2` has tasks 0, 2, 4, 6: shards 0..4.
        let stepped = env(&[
            ("SLURM_ARRAY_TASK_ID", "4"),
            ("SLURM_ARRAY_TASK_MIN", "0"),
            ("SLURM_ARRAY_TASK_STEP", "2"),
            ("SLURM_ARRAY_TASK_COUNT", "4"),
        ]);
        assert_eq!(Shard::from_env(&stepped, None).unwrap(), Some((Shard { index: 2, count: 4 }, "Slurm")));
    }
}
