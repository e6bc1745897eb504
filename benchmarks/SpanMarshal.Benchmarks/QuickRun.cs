using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace SpanMarshal.Benchmarks;

/// <summary>
/// <c>--quick</c>: every benchmark of every class, briefly and in this process, for CI. Each class's
/// setup runs (with each of its parameter values), so every check it makes fails the run when broken:
/// the byte-for-byte agreement of the encoders, v0.4 and v0.5 agreeing field by field, the marshallers
/// agreeing, the intake accepting. Then each benchmark runs a few times, untimed: CI judges nothing
/// by speed.
/// </summary>
internal static class QuickRun
{
    private const int Invocations = 5;

    public static int Run(string[] only)
    {
        var total = Stopwatch.StartNew();
        Type[] classes = [.. typeof(QuickRun).Assembly.GetTypes()
            .Where(t => t.IsPublic && !t.IsAbstract && t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            .Where(t => only.Length == 0 || only.Any(t.Name.Contains))
            .OrderBy(t => t.Name, StringComparer.Ordinal)];
        foreach (Type type in classes)
        {
            // BenchmarkDotNet refuses the whole run when one class is sealed.
            if (type.IsSealed)
            {
                throw new InvalidOperationException($"{type.Name} is sealed: BenchmarkDotNet cannot derive its benchmark type from it.");
            }

            PropertyInfo? parameter = type.GetProperties().SingleOrDefault(p => p.GetCustomAttribute<ParamsAttribute>() is not null);
            object?[] values = parameter?.GetCustomAttribute<ParamsAttribute>()!.Values ?? [null];
            foreach (object? value in values)
            {
                RunClass(type, parameter, value);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"quick run: {classes.Length} benchmark classes ran and passed their checks in {total.Elapsed.TotalSeconds:F0} s"));
        return 0;
    }

    private static void RunClass(Type type, PropertyInfo? parameter, object? value)
    {
        object instance = Activator.CreateInstance(type)!;
        parameter?.SetValue(instance, value);
        string name = parameter is null ? type.Name : $"{type.Name}({parameter.Name}={value})";
        Invoke<GlobalSetupAttribute>(instance);
        try
        {
            foreach (MethodInfo method in type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null))
            {
                for (int i = 0; i <= Invocations; i++)
                {
                    method.Invoke(instance, null);
                }

                // No time is printed: a few unoptimised (tier-0) invocations say nothing about speed.
                Console.WriteLine($"{name}.{method.Name}: ran");
            }
        }
        finally
        {
            Invoke<GlobalCleanupAttribute>(instance);
        }
    }

    private static void Invoke<TAttribute>(object instance)
        where TAttribute : Attribute
    {
        foreach (MethodInfo method in instance.GetType().GetMethods().Where(m => m.GetCustomAttribute<TAttribute>() is not null))
        {
            method.Invoke(instance, null);
        }
    }
}
