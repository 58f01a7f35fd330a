/**
 * Types of the MoLOS-Planner module, shared by the server and the UI.
 */

export const TaskStatus = {
	TODO: 'todo',
	DOING: 'doing', // in progress
	DONE: 'done'
} as const;
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];

export const TaskPriority = {
	LOW: 'low',
	MEDIUM: 'medium',
	HIGH: 'high'
} as const;
export type TaskPriority = (typeof TaskPriority)[keyof typeof TaskPriority];

export const MAX_TITLE_LENGTH = 200;

export interface Project {
	id: string;
	userId: string;
	name: string;
	color: string | null;
}

export interface Task {
	id: string;
	title: string;
	status: TaskStatus;
	priority: TaskPriority;
	projectId: string | null;
}

export type CreateTaskInput = Omit<Task, 'id'>;
export type UpdateTaskInput = Partial<CreateTaskInput>;

export const LabelColor = {
	RED: 'red',
	BLUE: 'blue'
} as const;
export type LabelColor = (typeof LabelColor)[keyof typeof LabelColor];
