using DeepImaging.Notebooks;

// The front door of `deepimaging`. A kernel process, started by the runner or the grader through a hidden verb, has
// an entry of its own (KernelHost); every other invocation is a verb for a person (Verbs).
return args is [KernelHost.Verb, var channel]
    ? await KernelHost.RunAsync(channel)
    : await Verbs.RunAsync(args);
