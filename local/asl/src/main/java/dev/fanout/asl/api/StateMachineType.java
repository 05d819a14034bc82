package dev.fanout.asl.api;

/** The {@code type} of a state machine. */
public enum StateMachineType { STANDARD, EXPRESS }
