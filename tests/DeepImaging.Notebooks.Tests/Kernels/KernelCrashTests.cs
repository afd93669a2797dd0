namespace DeepImaging.Notebooks.Tests.Kernels;

/// <summary>
/// The reason a kernel died, read from what .NET 10 printed on its standard error (the samples are that output,
/// shortened, from the runs in HostileCellTests).
/// </summary>
public sealed class KernelCrashTests
{
    [Fact]
    public void FailFast_gives_its_message()
    {
        const string printed = """
            Process terminated.
            boom
               at System.Environment.FailFast(System.String)
               at Submission#2+<<Initialize>>d__0.MoveNext()
               at System.Threading.Thread.StartCallback()
            """;

        Assert.Equal("Environment.FailFast: boom", KernelCrash.Reason(printed, 2));
    }

    [Fact]
    public void FailFast_after_text_without_a_line_break_gives_its_message()
    {
        Assert.Equal("Environment.FailFast: boom", KernelCrash.Reason("50% doneProcess terminated.\nboom\n   at System.Environment.FailFast(System.String)", 2));
    }

    [Fact]
    public void A_stack_overflow_names_the_repeated_method_of_the_cell()
    {
        const string printed = """
            Stack overflow.
            Repeated 261716 times:
            --------------------------------
               at Submission#2.Recurse(Int32)
            --------------------------------
               at Submission#2+<<Initialize>>d__0.MoveNext()
            """;

        Assert.Equal("Stack overflow in Recurse(Int32)", KernelCrash.Reason(printed, 2));
    }

    [Fact]
    public void A_local_function_that_overflows_is_named_plainly()
    {
        const string printed = """
            Stack overflow.
               at Submission#4.<<Initialize>>g__Down|0_0(Int64)
               at Submission#4.<<Initialize>>g__Down|0_0(Int64)
            """;

        Assert.Equal("Stack overflow in Down(Int64)", KernelCrash.Reason(printed, 2));
    }

    [Fact]
    public void An_unhandled_exception_on_another_thread_and_running_out_of_memory_are_named()
    {
        Assert.Equal("unhandled exception on another thread: System.InvalidOperationException: late",
            KernelCrash.Reason("Unhandled exception. System.InvalidOperationException: late\n   at Submission#3.<>c.<<Initialize>>b__0_0()", 2));
        Assert.Equal("the kernel ran out of its 0.5 GB memory limit", KernelCrash.Reason("Out of memory.\n", 0.5));
    }

    [Fact]
    public void Nothing_recognisable_gives_no_reason()
    {
        Assert.Null(KernelCrash.Reason("some output\nmore output\n", 2));
    }
}
