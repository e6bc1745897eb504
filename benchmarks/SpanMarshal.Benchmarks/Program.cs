namespace SpanMarshal.Benchmarks; internal static class Program { private static void Main() { } }
