import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One half of a batch for the fused ParametricRamp kernel: the rows, the data and slopes they
/// read, and the accumulator they add slope gradients into (zeroed first).
struct HalfBatch {
    var rows: UnsafeBufferPointer<Int>
    var inputs: UnsafePointer<Float>
    var targets: UnsafePointer<Float>
    /// Elements in `inputs` (and in `targets`): loads must stay below it.
    var elementCount: Int
    var slopes: UnsafePointer<Float>
    var accumulator: UnsafeMutablePointer<Float>
    /// Elements of one example.
    var exampleSize: Int
    var squared: Bool
    /// 1 / exampleSize.
    var scale: Float

    /// Zeroes the accumulator, adds the rows' slope gradients into it and returns the sum of
    /// the rows' per-example mean losses.
    func run() -> Double {
        let n = exampleSize
        if n < 16 { return runNarrow() }
        accumulator.update(repeating: 0, count: n)
        var total = 0.0
        for (k, r) in rows.enumerated() {
            if k &+ 2 < rows.count {
                // The rows are scattered: fetch the one after next while this one runs.
                let ahead = rows[k &+ 2] &* n
                prefetchRead(inputs + ahead, n)
                prefetchRead(targets + ahead, n)
            }
            let x = inputs + r &* n, t = targets + r &* n
            let sum = squared ? fusedSquaredRow(x, t, slopes, accumulator, n, 2 * scale)
                              : fusedAbsoluteRow(x, t, slopes, accumulator, n, scale)
            total += sum / Double(n)
        }
        return total
    }
}

/// A second thread that runs the second half of each large batch while the training thread runs
/// the first (NetTrain's fused ParametricRamp kernel). The split and the order of summing the two
/// halves are fixed, so the results do not depend on whether the helper exists or on timing.
///
/// Each posted half is claimed once, by whichever thread gets to it first: when the helper is slow
/// to start (a busy machine), the training thread runs the half itself after its own, so a
/// contended machine costs about what one thread costs. Both threads spin only briefly (tens of
/// microseconds) before sleeping on a condition variable. The thread is ended and joined on deinit.
final class BatchHelper: @unchecked Sendable {
    /// Generation of the latest posted half; -1 asks the thread to end.
    private let posted = Atomic<Int>(0)
    /// Generation of the latest claimed half (claimed by exactly one thread).
    private let claimed = Atomic<Int>(0)
    /// Generation of the latest half the helper finished.
    private let finished = Atomic<Int>(0)
    /// Whether the helper, or the training thread, is (about to be) asleep.
    private let helperSleeping = Atomic<Bool>(false)
    private let trainerSleeping = Atomic<Bool>(false)
    private var mutex = pthread_mutex_t()
    private var wakeHelper = pthread_cond_t()
    private var wakeTrainer = pthread_cond_t()
    #if canImport(Glibc)
    private var thread = pthread_t()
    #else
    private var thread: pthread_t? = nil
    #endif
    /// Written by the training thread before posting, read by the claimer after (ordered by `posted`).
    private var job: HalfBatch? = nil
    /// Written by the helper before finishing, read after (ordered by `finished`).
    private var result = 0.0
    private var generation = 0
    /// Spin iterations (a `pause` each, ~30 ns) before sleeping: the helper between batches
    /// (~30 µs), the training thread waiting for a half the helper is running (~120 µs, about
    /// three times a 1000-slope half).
    private static let spinLimit = 1 << 10
    private static let finishSpinLimit = 1 << 12

    /// Whether NetTrain may use a helper thread (tests turn it off to compare both paths).
    static let allowed = Atomic<Bool>(true)

    /// A started helper, or nil with fewer than two usable processors, when helpers are turned
    /// off, or when the system refuses a thread.
    static func start() -> BatchHelper? {
        guard allowed.load(ordering: .relaxed), usableProcessors() >= 2 else { return nil }
        let helper = BatchHelper()
        return helper.launch() ? helper : nil
    }

    private init() {
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&wakeHelper, nil)
        pthread_cond_init(&wakeTrainer, nil)
    }

    private func launch() -> Bool {
        // The thread holds no reference: deinit joins it before the object goes away.
        let me = Unmanaged.passUnretained(self).toOpaque()
        let rc = pthread_create(&thread, nil, { raw in
            #if canImport(Glibc)
            Unmanaged<BatchHelper>.fromOpaque(raw!).takeUnretainedValue().loop()
            #else
            Unmanaged<BatchHelper>.fromOpaque(raw).takeUnretainedValue().loop()
            #endif
            return nil
        }, me)
        return rc == 0
    }

    deinit {
        posted.store(-1, ordering: .sequentiallyConsistent)
        pthread_mutex_lock(&mutex)
        pthread_cond_signal(&wakeHelper)
        pthread_mutex_unlock(&mutex)
        #if canImport(Glibc)
        pthread_join(thread, nil)
        #else
        if let thread { pthread_join(thread, nil) }
        #endif
        pthread_cond_destroy(&wakeHelper)
        pthread_cond_destroy(&wakeTrainer)
        pthread_mutex_destroy(&mutex)
    }

    /// Offers `work` to the helper; `finish()` returns its `run()` value. One half at a time.
    func post(_ work: HalfBatch) {
        job = work
        generation += 1
        posted.store(generation, ordering: .sequentiallyConsistent)
        if helperSleeping.load(ordering: .sequentiallyConsistent) {
            pthread_mutex_lock(&mutex)
            pthread_cond_signal(&wakeHelper)
            pthread_mutex_unlock(&mutex)
        }
    }

    /// The posted half's `run()` value: run here if the helper has not claimed it, else waited for.
    func finish() -> Double {
        if claim(generation), let job { return job.run() }
        var spins = 0
        while finished.load(ordering: .acquiring) != generation {
            spins &+= 1
            if spins < Self.finishSpinLimit { spinPause(); continue }
            pthread_mutex_lock(&mutex)
            trainerSleeping.store(true, ordering: .sequentiallyConsistent)
            while finished.load(ordering: .sequentiallyConsistent) != generation { pthread_cond_wait(&wakeTrainer, &mutex) }
            trainerSleeping.store(false, ordering: .sequentiallyConsistent)
            pthread_mutex_unlock(&mutex)
        }
        return result
    }

    /// Claims half `g` for the calling thread; false when the other thread has it.
    private func claim(_ g: Int) -> Bool {
        claimed.compareExchange(expected: g - 1, desired: g, ordering: .acquiringAndReleasing).exchanged
    }

    private func loop() {
        var seen = 0
        while true {
            var next = posted.load(ordering: .acquiring)
            var spins = 0
            while next == seen {
                spins &+= 1
                if spins < Self.spinLimit {
                    spinPause()
                } else {
                    pthread_mutex_lock(&mutex)
                    helperSleeping.store(true, ordering: .sequentiallyConsistent)
                    while posted.load(ordering: .sequentiallyConsistent) == seen { pthread_cond_wait(&wakeHelper, &mutex) }
                    helperSleeping.store(false, ordering: .sequentiallyConsistent)
                    pthread_mutex_unlock(&mutex)
                    spins = 0
                }
                next = posted.load(ordering: .acquiring)
            }
            if next < 0 { return }
            seen = next
            guard claim(next) else { continue }
            result = job?.run() ?? 0
            finished.store(next, ordering: .sequentiallyConsistent)
            if trainerSleeping.load(ordering: .sequentiallyConsistent) {
                pthread_mutex_lock(&mutex)
                pthread_cond_signal(&wakeTrainer)
                pthread_mutex_unlock(&mutex)
            }
        }
    }

    /// Processors this process may run on (its affinity mask), at least 1.
    static func usableProcessors() -> Int {
        #if canImport(Glibc)
        // sched_getaffinity needs _GNU_SOURCE, which the Glibc module does not define; look it up.
        typealias GetAffinity = @convention(c) (Int32, Int, UnsafeMutableRawPointer) -> Int32
        if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sched_getaffinity") {
            let getAffinity = unsafeBitCast(symbol, to: GetAffinity.self)
            var mask = [UInt64](repeating: 0, count: 16)   // 1024 processors, glibc's cpu_set_t
            let ok = mask.withUnsafeMutableBytes { getAffinity(0, $0.count, $0.baseAddress!) == 0 }
            if ok { return Swift.max(mask.reduce(0) { $0 + $1.nonzeroBitCount }, 1) }
        }
        #endif
        return Swift.max(sysconf(Int32(_SC_NPROCESSORS_ONLN)), 1)
    }
}

#if arch(x86_64)
@_silgen_name("llvm.x86.sse2.pause")
private func x86Pause()
#endif

/// A hint to the processor that this is a spin-wait loop.
@inline(__always)
private func spinPause() {
    #if arch(x86_64)
    x86Pause()
    #endif
}
