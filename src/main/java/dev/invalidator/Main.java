package dev.invalidator;
public final class Main { public static void main(String[] a) { } }
