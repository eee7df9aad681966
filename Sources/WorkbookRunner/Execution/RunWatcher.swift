import Launch

/// Watches a chapter program while it runs and may stop it early with a verdict of its own: a
/// deadlock recognised in seconds, a runaway allocation. `ChapterRunner` polls its watchers every
/// few milliseconds, so a watcher throttles its own work.
protocol RunWatcher: AnyObject {
  /// Looks at the running job; returns the verdict that stops it, or nil to let it run on.
  /// `now` is on the monotonic clock, in seconds.
  func poll(_ job: ChildProcess, now: Double) -> RunVerdict?
}
