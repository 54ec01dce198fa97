// Several benchmarks measure the whole process (GC.GetTotalAllocatedBytes, the working set, the heap),
// and the network benchmark keeps a server and its clients busy on background threads: run the test
// classes one at a time so that no measurement counts another test's work.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
